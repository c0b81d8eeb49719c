using Ioc.Simulator.Model;
using Ioc.Telemetry;

namespace Ioc.Simulator.Tests;

/// <summary>
/// The test's own calculator of queue figures, written from telemetry-v1's definitions and the
/// events alone (never from the model's state): waits, service times, how many wait at once.
/// </summary>
internal sealed class QueueFigures
{
    public QueueFigures(IEnumerable<SimEvent> events)
    {
        var ordered = events.OrderBy(e => e.Ts).ToList();
        foreach (var e in ordered)
        {
            var key = (e.Ward, e.Ticket ?? "");
            switch (e.Type)
            {
                case EventTypes.TicketIssued:
                    Tickets[key] = new TicketTrace(e.Ward, e.Ticket!, e.Service!, e.Ts, e.Channel!);
                    break;
                case EventTypes.TicketCalled:
                    Tickets[key].Calls.Add((e.Ts, e.Counter!));
                    break;
                case EventTypes.TicketServed:
                    Tickets[key].Served = e.Ts;
                    break;
                case EventTypes.TicketNoShow:
                    Tickets[key].NoShow = e.Ts;
                    break;
            }
        }
        // Waiting now = issued, not yet called: +1 at issue, −1 at the first call.
        var changes = new List<(string Ward, DateTimeOffset Ts, int Delta)>();
        foreach (var t in Tickets.Values.Where(t => t.Calls.Count > 0))
        {
            changes.Add((t.Ward, t.Issued, +1));
            changes.Add((t.Ward, t.Calls.Min(c => c.Ts), -1));
        }
        foreach (var g in changes.GroupBy(c => c.Ward))
        {
            int now = 0, max = 0;
            foreach (var c in g.OrderBy(c => c.Ts).ThenBy(c => c.Delta)) max = Math.Max(max, now += c.Delta);
            MaxWaiting[g.Key] = max;
        }
    }

    public Dictionary<(string Ward, string Ticket), TicketTrace> Tickets { get; } = [];

    /// <summary>The most citizens waiting at once in each ward.</summary>
    public Dictionary<string, int> MaxWaiting { get; } = new(StringComparer.Ordinal);

    public IEnumerable<TicketTrace> Called => Tickets.Values.Where(t => t.Calls.Count > 0);

    public double MeanWait(Func<TicketTrace, bool>? where = null)
    {
        var list = Called.Where(where ?? (_ => true)).ToList();
        return list.Sum(t => t.WaitMinutes) / list.Count;
    }

    public Dictionary<string, double> MaxWaitByWard() =>
        Called.GroupBy(t => t.Ward).ToDictionary(g => g.Key, g => g.Max(t => t.WaitMinutes), StringComparer.Ordinal);

    public Dictionary<string, double> MeanWaitByWard() =>
        Called.GroupBy(t => t.Ward).ToDictionary(g => g.Key, g => g.Sum(t => t.WaitMinutes) / g.Count(), StringComparer.Ordinal);

    /// <summary>Service time = served − last call, minutes, of the served tickets.</summary>
    public IEnumerable<(TicketTrace Ticket, double Minutes)> ServiceTimes() =>
        Called.Where(t => t.Served is not null).Select(t => (t, (t.Served!.Value - t.Calls.Max(c => c.Ts)).TotalMinutes));
}
