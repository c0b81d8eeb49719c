namespace Ioc.Grains;

/// <summary>One minute of a ward (business clock), kept for the last 24 hours in grain state.</summary>
[GenerateSerializer, Immutable]
public sealed record WardSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double? AvgWaitSeconds,
    [property: Id(3)] int CountersOpen,
    [property: Id(4)] int RobotsOnline,
    [property: Id(5)] int Overdue,
    [property: Id(6)] int DueSoon);
