namespace Ioc.Halls;

[GenerateSerializer, Immutable]
public sealed record HallRect(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] double Width,
    [property: Id(3)] double Height);
