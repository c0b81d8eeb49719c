using Ioc.Grains;

namespace Ioc.Replay;

/// <summary>
/// One ward's replayed day: its figures as they stood at midnight, and once the events about it that arrived
/// later are in too (<see cref="Final"/>, what the ward keeps for the day and the service index counts).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplayDayFigures(
    [property: Id(0)] string Code,
    [property: Id(1)] DaySummary AtMidnight,
    [property: Id(2)] DaySummary Final,
    [property: Id(3)] int LateEvents);
