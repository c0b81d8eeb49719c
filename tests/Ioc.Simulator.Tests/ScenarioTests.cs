using System.Text.Json;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Simulator.Network;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Tests;

/// <summary>Each named scenario changes what it says it changes against a normal day of the same seed, and nothing else.</summary>
public sealed class ScenarioTests
{
    private static readonly DateOnly Day = Days.Monday;

    private static SimulatedDay Normal => Days.Of(SimulatorScenario.Normal, Day);

    private static DateTimeOffset At(int hour, int minute = 0) => WorkCalendar.At(Day, new TimeSpan(hour, minute, 0));

    private static string Json(IEnumerable<SimEvent> events) => JsonSerializer.Serialize(events, TelemetryJson.Options);

    [Fact]
    public void Monday_surge_brings_many_more_citizens_in_the_morning_and_longer_waits()
    {
        var surge = new QueueFigures(Days.Of(SimulatorScenario.MondaySurge, Day).Events);
        var normal = new QueueFigures(Normal.Events);
        int Morning(QueueFigures f) => f.Tickets.Values.Count(t => t.Issued < At(12));
        int Afternoon(QueueFigures f) => f.Tickets.Values.Count(t => t.Issued >= At(12));
        Assert.True(Morning(surge) > 1.4 * Morning(normal), $"morning tickets {Morning(surge)} vs {Morning(normal)}");
        Assert.Equal(Afternoon(normal), Afternoon(surge));
        var morningWait = surge.MeanWait(t => t.Issued < At(12));
        Assert.True(morningWait > 2 * normal.MeanWait(t => t.Issued < At(12)), $"morning wait {morningWait:F1}");
        Assert.Equal(surge.Tickets.Count, surge.Called.Count()); // still everyone is called
    }

    [Fact]
    public void Desk_outage_closes_half_the_desks_of_eight_wards_for_hours_and_leaves_the_others_as_they_were()
    {
        var outage = Days.Of(SimulatorScenario.DeskOutage, Day).Events;
        var changed = Normal.Events.GroupBy(e => e.Ward).Where(g => Json(g) != Json(outage.Where(e => e.Ward == g.Key))).Select(g => g.Key).ToList();
        Assert.Equal(ScenarioPlanner.OutageWards, changed.Count);

        var normal = new QueueFigures(Normal.Events);
        var during = new QueueFigures(outage);
        foreach (var ward in changed)
        {
            // Desks that close between 08:45 and 09:30 and open again 2–3 hours later.
            var lost = outage.Where(e => e.Ward == ward && e.Type == EventTypes.CounterState).GroupBy(e => e.Counter)
                .Where(g =>
                {
                    var closed = g.FirstOrDefault(e => e.Status == CounterStatuses.Closed && e.Ts >= At(8, 45) && e.Ts < At(10));
                    var back = closed is null ? null : g.FirstOrDefault(e => e.Status == CounterStatuses.Open && e.Ts > closed.Ts);
                    return back is not null && (back.Ts - closed!.Ts).TotalMinutes is >= 100 and <= 200;
                }).Count();
            var staffed = Days.Layout().ByCode[ward].FlexCounters.Count(f => !f);
            Assert.True(lost >= Math.Max(1, staffed / 2 - 1), $"{ward}: {lost} of {staffed} desks out");
        }
        var before = changed.Average(w => normal.MeanWaitByWard()[w]);
        var after = changed.Average(w => during.MeanWaitByWard()[w]);
        Assert.True(after > 1.5 * before, $"outage wards wait {after:F1} min vs {before:F1}");
        Assert.Equal(during.Tickets.Count, during.Called.Count());
    }

    [Fact]
    public void Robot_fault_sends_a_fleet_to_error_emergency_or_offline_and_the_kiosks_take_over()
    {
        var layout = Days.Layout(SimulatorScenario.RobotFault);
        var sim = new CitySimulation(layout, HanoiTime.StartOf(Day), runId: "fault");
        var events = sim.Advance(At(10, 30));
        var robots = layout.Devices.Where(d => d.Kind == DeviceKinds.Robot).ToList();
        var silent = robots.Where(r => sim.Snapshot(r.DeviceId) is null).Select(r => r.DeviceId).ToHashSet();
        var faulted = robots.Where(r => sim.Snapshot(r.DeviceId) is { Mode: "error" or "emergency" }).ToList();
        Assert.True(silent.Count >= 5, $"{silent.Count} robots offline");
        Assert.True(faulted.Count >= 10, $"{faulted.Count} robots in error or emergency");
        Assert.Contains(faulted, r => sim.Snapshot(r.DeviceId)!.Mode == "emergency");
        // An offline robot sends nothing, from the fault on.
        events.AddRange(sim.Advance(At(10, 59)));
        Assert.DoesNotContain(events, e => silent.Contains(e.DeviceId) && e.Ts >= At(10, 6));

        var normal = new QueueFigures(Normal.Events);
        var fault = new QueueFigures(Days.Of(SimulatorScenario.RobotFault, Day).Events);
        int ByRobot(QueueFigures f) => f.Tickets.Values.Count(t => t.Channel == "robot" && t.Issued >= At(10, 10) && t.Issued < At(11));
        Assert.True(ByRobot(fault) < 0.6 * ByRobot(normal), $"robot tickets {ByRobot(fault)} vs {ByRobot(normal)}");
        Assert.Equal(normal.Tickets.Count, fault.Tickets.Count); // the same citizens, issued by the kiosks instead
        // They come back within two hours.
        var afterwards = new CitySimulation(layout, HanoiTime.StartOf(Day), runId: "fault2");
        afterwards.Advance(At(12, 30));
        Assert.All(robots, r => Assert.NotNull(afterwards.Snapshot(r.DeviceId)));
    }

    [Fact]
    public void Dossier_outage_silences_the_dossier_system_then_delivers_its_backlog_with_the_true_times()
    {
        var outage = Days.Of(SimulatorScenario.DossierOutage, Day);
        Assert.Equal(Json(Normal.Events), Json(outage.Events)); // the same day: only the delivery differs

        var fromSystem = outage.Deliveries.Where(d => d.DeviceId == CityLayout.DossierSystemId).ToList();
        Assert.DoesNotContain(fromSystem, d => d.At >= At(9, 30) && d.At < At(12));
        // What it sent while silent arrives from 12:00, within minutes, with the times it happened.
        var held = fromSystem.Where(d => d.SentAt >= At(9, 30) && d.SentAt < At(12)).ToList();
        Assert.All(held, d => Assert.InRange(d.At, At(12), At(12, 10)));
        var backlog = held.SelectMany(d => d.Events).ToList();
        Assert.True(backlog.Count > 500, $"a backlog of {backlog.Count} events");
        Assert.All(backlog, e => Assert.InRange(e.Ts, At(9, 28), At(12)));
        Assert.All(fromSystem.Where(d => d.SentAt >= At(9, 30) && d.SentAt < At(12)), d => Assert.Equal(DeliveryKind.Backlog, d.Kind));
        // Everything the system produced still arrives.
        var sent = outage.Events.Where(e => e.DeviceId == CityLayout.DossierSystemId).Select(e => e.Id).ToHashSet();
        Assert.Subset(fromSystem.SelectMany(d => d.Events).Select(e => e.Id).ToHashSet(), sent);

        // In the normal day, the dossier system delivers through the morning.
        Assert.Contains(Normal.Deliveries, d => d.DeviceId == CityLayout.DossierSystemId && d.At >= At(10) && d.At < At(11));
    }

    [Fact]
    public void Scenario_names_parse_and_an_unknown_one_is_refused_with_the_names()
    {
        Assert.Equal(SimulatorScenario.Normal, SimulatorScenarios.Parse(null));
        Assert.Equal(SimulatorScenario.MondaySurge, SimulatorScenarios.Parse(" Monday-Surge "));
        foreach (var name in SimulatorScenarios.All) Assert.Equal(name, SimulatorScenarios.NameOf(SimulatorScenarios.Parse(name)));
        var ex = Assert.Throws<FormatException>(() => SimulatorScenarios.Parse("tuesday"));
        Assert.Contains("Ioc:Simulator:Scenario", ex.Message);
        Assert.Contains("dossier-outage", ex.Message);
    }
}
