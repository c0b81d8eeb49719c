namespace Ioc.Grains;

/// <summary>A robot's pose in the service hall's own frame (metres, radians).</summary>
[GenerateSerializer, Immutable]
public sealed record Pose(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] double Yaw,
    [property: Id(3)] string Floor);
