using System.Collections.Immutable;

namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record RobotView(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Ward,
    [property: Id(2)] Pose? Pose,
    [property: Id(3)] double? Battery,
    [property: Id(4)] string? Mode,
    [property: Id(5)] string? Issue,
    [property: Id(6)] DateTimeOffset? LastSeen,
    [property: Id(7)] bool Online,
    [property: Id(8)] ImmutableArray<TrailPoint> Trail);
