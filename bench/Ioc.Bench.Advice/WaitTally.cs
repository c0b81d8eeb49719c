using Ioc.Simulator.Model;
using Ioc.Telemetry;

namespace Ioc.Bench.Advice;

/// <summary>
/// Waits worked out from the simulator's own events, independently of the center: a ticket's wait runs from
/// its issue to its first call. Per ward: how many were called, the sum of their waits and the longest.
/// </summary>
internal sealed class WaitTally
{
    public Dictionary<string, (int N, double SumSeconds, double MaxSeconds)> ByWard { get; } = new(StringComparer.Ordinal);

    /// <summary>Hours desks were staffed (open or paused) in all: what following the advice cost in clerks' time.</summary>
    public double DeskHours { get; private set; }

    public static WaitTally Of(IEnumerable<SimEvent> events)
    {
        var tally = new WaitTally();
        var issued = new Dictionary<(string, string), DateTimeOffset>();
        var staffedSince = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var e in events.OrderBy(e => e.Ts))
        {
            if (e.Type == EventTypes.CounterState)
            {
                var staffed = e.Status != CounterStatuses.Closed;
                if (!staffed && staffedSince.Remove(e.DeviceId, out var since)) tally.DeskHours += (e.Ts - since).TotalHours;
                else if (staffed) staffedSince.TryAdd(e.DeviceId, e.Ts);
            }
            if (e.Ticket is null) continue;
            if (e.Type == EventTypes.TicketIssued) issued.TryAdd((e.Ward, e.Ticket), e.Ts);
            else if (e.Type == EventTypes.TicketCalled && issued.Remove((e.Ward, e.Ticket), out var at))
            {
                var wait = (e.Ts - at).TotalSeconds;
                var (n, sum, max) = tally.ByWard.GetValueOrDefault(e.Ward);
                tally.ByWard[e.Ward] = (n + 1, sum + wait, Math.Max(max, wait));
            }
        }
        return tally;
    }

    public (int N, double SumSeconds, double MaxSeconds) City =>
        ByWard.Values.Aggregate((0, 0.0, 0.0), (a, w) => (a.Item1 + w.N, a.Item2 + w.SumSeconds, Math.Max(a.Item3, w.MaxSeconds)));
}
