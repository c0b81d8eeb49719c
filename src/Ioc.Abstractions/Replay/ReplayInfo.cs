namespace Ioc.Replay;

/// <summary>What a replayed day holds: its bounds, the records that arrived during it, when the first came.</summary>
/// <param name="LogTrimmed">Some ward's log had been trimmed before the day (kept days): dossiers older than it are missing.</param>
[GenerateSerializer, Immutable]
public sealed record ReplayInfo(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] int Records,
    [property: Id(4)] DateTimeOffset? FirstArrival,
    [property: Id(5)] bool LogTrimmed);
