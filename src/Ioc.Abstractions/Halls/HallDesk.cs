namespace Ioc.Halls;

[GenerateSerializer, Immutable]
public sealed record HallDesk(
    [property: Id(0)] string Counter,
    [property: Id(1)] double X,
    [property: Id(2)] double Y);
