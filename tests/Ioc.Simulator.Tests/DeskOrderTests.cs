using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Tests;

/// <summary>A ward chief's orders to the simulator's desks (accepted staffing advice): the desk does as told for the hour, then goes back.</summary>
public sealed class DeskOrderTests
{
    private static DateTimeOffset At(int hour, int minute = 0) => HanoiTime.StartOf(Days.Wednesday).AddHours(hour).AddMinutes(minute);

    /// <summary>The day up to 10:00 and, per ward and desk, its last state then.</summary>
    private static (CitySimulation Sim, List<SimEvent> Before, Dictionary<(string Ward, string Desk), SimEvent> Last) Morning()
    {
        var sim = new CitySimulation(Days.Layout(), HanoiTime.StartOf(Days.Wednesday), runId: "order");
        var before = sim.Advance(At(10));
        var last = before.Where(e => e.Type == EventTypes.CounterState).GroupBy(e => (e.Ward, e.Counter!)).ToDictionary(g => g.Key, g => g.Last());
        return (sim, before, last);
    }

    /// <summary>Which service each ticket is for, and the (desk, service, at) of every call after <paramref name="from"/>.</summary>
    private static List<(string Desk, string Service, DateTimeOffset At)> Calls(IEnumerable<SimEvent> before, List<SimEvent> after, string ward)
    {
        var service = before.Concat(after).Where(e => e.Type == EventTypes.TicketIssued && e.Ward == ward).ToDictionary(e => e.Ticket!, e => e.Service!);
        return [.. after.Where(e => e.Type == EventTypes.TicketCalled && e.Ward == ward).Select(e => (e.Counter!, service[e.Ticket!], e.Ts))];
    }

    [Fact]
    public void A_closed_desk_ordered_open_for_a_service_serves_only_it_for_the_hour_then_closes()
    {
        var (sim, before, last) = Morning();
        var ((ward, desk), _) = last.First(kv => kv.Value.Status == CounterStatuses.Closed);
        Assert.True(sim.Order(new StaffingOrder(ward, desk, [ServiceCodes.All[0]], At(11))));
        var after = sim.Advance(At(12));

        var states = after.Where(e => e.Type == EventTypes.CounterState && e.Ward == ward && e.Counter == desk).ToList();
        Assert.Equal(CounterStatuses.Open, states[0].Status);
        Assert.Equal(At(10), states[0].Ts);
        Assert.Equal([ServiceCodes.All[0]], states[0].Services);
        var closed = states.First(s => s.Status == CounterStatuses.Closed);
        Assert.InRange(closed.Ts, At(11), At(11, 45));
        var calls = Calls(before, after, ward).Where(c => c.Desk == desk).ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, c => Assert.Equal(ServiceCodes.All[0], c.Service));
        Assert.All(calls, c => Assert.True(c.At < At(11), $"called at {c.At:HH:mm} after the order's hour"));
    }

    [Fact]
    public void An_open_desk_moved_to_another_service_serves_it_for_the_hour_then_its_own_again()
    {
        var (sim, before, last) = Morning();
        var ((ward, desk), state) = last.First(kv => kv.Value.Status == CounterStatuses.Open && !kv.Value.Services!.Contains(ServiceCodes.All[0]));
        var own = state.Services!;
        Assert.True(sim.Order(new StaffingOrder(ward, desk, [ServiceCodes.All[0]], At(11))));
        Assert.False(sim.Order(new StaffingOrder(ward, "no-such-desk", [], At(11))));
        var after = sim.Advance(At(12));

        var states = after.Where(e => e.Type == EventTypes.CounterState && e.Ward == ward && e.Counter == desk).ToList();
        Assert.Equal([ServiceCodes.All[0]], states[0].Services);
        Assert.Contains(states, s => s.Ts == At(11) && s.Services!.SequenceEqual(own));
        var calls = Calls(before, after, ward).Where(c => c.Desk == desk).ToList();
        // Its citizen at 10:00 is finished first; from the next call on, the new service until 11:00, its own after.
        Assert.All(calls.Skip(1).Where(c => c.At < At(11)), c => Assert.Equal(ServiceCodes.All[0], c.Service));
        Assert.All(calls.Where(c => c.At > At(11)), c => Assert.Contains(c.Service, own));
        Assert.Contains(calls, c => c.At < At(11) && c.Service == ServiceCodes.All[0]);
    }
}
