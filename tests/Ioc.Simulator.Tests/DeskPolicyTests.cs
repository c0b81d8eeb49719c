using Ioc.Simulator.Model;
using Ioc.Telemetry;

namespace Ioc.Simulator.Tests;

/// <summary>
/// The desk and no-show policy the center's wait estimate relies on, checked over a whole day from
/// the events alone: a free desk calls the oldest waiting ticket of the services its counter.state
/// says it handles; only an open desk calls; a missing citizen is called once more after about a
/// minute, then served or marked no-show.
/// </summary>
public sealed class DeskPolicyTests
{
    private static IReadOnlyList<SimEvent> Events => Days.Of(SimulatorScenario.Normal, Days.Monday).Events;

    [Fact]
    public void An_open_desk_calls_the_oldest_waiting_ticket_of_the_services_it_handles()
    {
        // Citizens sent home at closing (called and marked no-show at the same instant) are not calls of the policy.
        var sentHome = Events.Where(e => e.Type == EventTypes.TicketNoShow).Join(Events.Where(e => e.Type == EventTypes.TicketCalled),
            n => (n.Ward, n.Ticket, n.Ts), c => (c.Ward, c.Ticket, c.Ts), (n, _) => (n.Ward, n.Ticket)).ToHashSet();
        var desk = new Dictionary<(string Ward, string Counter), (string Status, IReadOnlyList<string> Services)>();
        var waiting = new Dictionary<string, List<(string Ticket, string Service, DateTimeOffset Issued)>>();
        var calledOnce = new HashSet<(string, string)>();
        var checkedCalls = 0;
        var errors = new List<string>();
        foreach (var e in Events) // ts order
        {
            switch (e.Type)
            {
                case EventTypes.CounterState:
                    desk[(e.Ward, e.Counter!)] = (e.Status!, e.Services!);
                    break;
                case EventTypes.TicketIssued:
                    if (!waiting.TryGetValue(e.Ward, out var list)) waiting[e.Ward] = list = [];
                    list.Add((e.Ticket!, e.Service!, e.Ts));
                    break;
                case EventTypes.TicketCalled when calledOnce.Add((e.Ward, e.Ticket!)):
                    var queue = waiting[e.Ward];
                    var mine = queue.Single(t => t.Ticket == e.Ticket);
                    queue.Remove(mine);
                    if (sentHome.Contains((e.Ward, e.Ticket))) break;
                    var (status, services) = desk[(e.Ward, e.Counter!)];
                    if (status != CounterStatuses.Open) errors.Add($"{e.Ward} desk {e.Counter} called {e.Ticket} while {status}");
                    if (!services.Contains(mine.Service)) errors.Add($"{e.Ward} desk {e.Counter} called {e.Ticket} ({mine.Service}) outside {string.Join(",", services)}");
                    var older = queue.FirstOrDefault(t => services.Contains(t.Service) && t.Issued < mine.Issued);
                    if (older.Ticket is not null) errors.Add($"{e.Ward} desk {e.Counter} called {e.Ticket} before older {older.Ticket}");
                    checkedCalls++;
                    break;
            }
        }
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        Assert.True(checkedCalls > 15_000);
    }

    [Fact]
    public void A_missing_citizen_is_called_again_after_a_minute_then_served_or_marked_no_show()
    {
        var f = new QueueFigures(Events);
        var recalled = f.Called.Where(t => t.Calls.Count > 1).ToList();
        Assert.All(f.Called, t => Assert.InRange(t.Calls.Count, 1, 2));
        Assert.All(recalled, t =>
        {
            Assert.Equal(t.Calls[0].Counter, t.Calls[1].Counter);
            Assert.InRange((t.Calls[1].Ts - t.Calls[0].Ts).TotalSeconds, 45, 75);
            if (t.NoShow is { } n) Assert.InRange((n - t.Calls[1].Ts).TotalSeconds, 45, 75);
            else Assert.NotNull(t.Served);
        });
        // A no-show was always called twice, except citizens sent home at closing (called and marked at once).
        Assert.All(f.Called.Where(t => t.NoShow is not null && t.Calls.Count == 1), t => Assert.Equal(t.Calls[0].Ts, t.NoShow));

        var share = recalled.Count / (double)f.Called.Count();
        var servedAfterRecall = recalled.Count(t => t.Served is not null) / (double)recalled.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"re-called {share:P1}, of them served {servedAfterRecall:P0}; no-shows {f.Called.Count(t => t.NoShow is not null) / (double)f.Called.Count():P1}");
        Assert.InRange(share, 0.04, 0.08);
        Assert.InRange(servedAfterRecall, 0.3, 0.6);
    }

    [Fact]
    public void Every_desk_status_change_sends_counter_state_and_desks_take_short_breaks()
    {
        var states = Events.Where(e => e.Type == EventTypes.CounterState).GroupBy(e => e.DeviceId).ToList();
        Assert.All(states, g =>
        {
            var list = g.ToList();
            for (var i = 1; i < list.Count; i++) Assert.NotEqual(list[i - 1].Status, list[i].Status); // a change each time
            Assert.Equal(CounterStatuses.Closed, list[^1].Status);
        });
        var breaks = new List<double>();
        foreach (var g in states)
        {
            var list = g.ToList();
            for (var i = 0; i + 1 < list.Count; i++)
                if (list[i].Status == CounterStatuses.Paused && list[i + 1].Status == CounterStatuses.Open) breaks.Add((list[i + 1].Ts - list[i].Ts).TotalMinutes);
        }
        Assert.True(breaks.Count > 200);
        Assert.All(breaks, b => Assert.InRange(b, 5, 12.01));

        // Nobody is called at a paused or closed desk, and no desk serves two citizens at once.
        var f = new QueueFigures(Events);
        foreach (var g in f.Called.GroupBy(t => (t.Ward, t.Calls[^1].Counter)))
        {
            var visits = g.Select(t => (From: t.Calls[0].Ts, To: (t.Served ?? t.NoShow)!.Value)).OrderBy(v => v.From).ToList();
            for (var i = 1; i < visits.Count; i++) Assert.True(visits[i].From >= visits[i - 1].To, $"{g.Key} calls while busy at {visits[i].From}");
        }
    }
}
