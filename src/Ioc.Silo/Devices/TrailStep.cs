namespace Ioc.Silo.Devices;

/// <summary>One point of a robot's trail, kept as a value (no object per point).</summary>
[GenerateSerializer, Immutable]
public readonly record struct TrailStep(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] long AtUnixMs);
