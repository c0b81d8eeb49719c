using Ioc.Grains;
using Ioc.Silo.Devices;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class RobotState
{
    [Id(0)] public string? Ward { get; set; }
    [Id(1)] public DateTimeOffset? LastTs { get; set; }
    [Id(2)] public Pose? Pose { get; set; }
    [Id(3)] public double? Battery { get; set; }
    [Id(4)] public string? Mode { get; set; }
    [Id(5)] public string? Issue { get; set; }
    // Id 6 was the trail as a list of records; stored states that have it simply lose it.
    [Id(7)] public DateTimeOffset? LastHeardReal { get; set; }
    [Id(8)] public ReplayWindow Recent { get; set; } = new();
    [Id(9)] public RobotTrail Trail { get; set; } = new();
}
