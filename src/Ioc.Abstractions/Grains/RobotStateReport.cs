namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record RobotStateReport(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Ward,
    [property: Id(3)] Pose Pose,
    [property: Id(4)] double Battery,
    [property: Id(5)] string Mode,
    [property: Id(6)] string? Issue);
