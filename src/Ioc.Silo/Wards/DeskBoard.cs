using Ioc.Grains;
using Ioc.Telemetry;

namespace Ioc.Silo.Wards;

/// <summary>The ward's devices as they last told it: desks (with since when in their status) and robots.</summary>
[GenerateSerializer]
public sealed class DeskBoard
{
    [Id(0)] public Dictionary<string, CounterView> Counters { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Business time at which each desk entered its current status (the estimator reads pauses from it).</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> StatusSince { get; init; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, RobotView> Robots { get; init; } = new(StringComparer.Ordinal);
    [Id(3)] public HashSet<string> RegisteredRobots { get; init; } = new(StringComparer.Ordinal);
    [Id(4)] public HashSet<string> RegisteredCounters { get; init; } = new(StringComparer.Ordinal);

    public int CountersOpen => Counters.Values.Count(c => c.Online && c.Status == CounterStatuses.Open);

    public int RobotsOnline => Robots.Values.Count(r => r.Online);

    public int RobotsTotal => RegisteredRobots.Count + Robots.Keys.Count(k => !RegisteredRobots.Contains(k));

    public void Report(CounterView counter, DateTimeOffset now)
    {
        if (!Counters.TryGetValue(counter.Counter, out var old) || old.Status != counter.Status) StatusSince[counter.Counter] = now;
        Counters[counter.Counter] = counter;
        if (counter.DeviceId is { } device) RegisteredCounters.Add(device);
    }

    /// <summary>Desks with what they are doing now, for the wait estimate.</summary>
    public IReadOnlyList<DeskNow> Now(TicketBook today) => Counters.Values
        .Select(c => new DeskNow(c.Counter, c.Status, c.Online, c.Services, StatusSince.TryGetValue(c.Counter, out var s) ? s : null, today.CurrentAt(c.Counter)))
        .ToList();
}
