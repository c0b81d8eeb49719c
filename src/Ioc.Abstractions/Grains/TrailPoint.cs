namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record TrailPoint([property: Id(0)] double X, [property: Id(1)] double Y, [property: Id(2)] DateTimeOffset At);
