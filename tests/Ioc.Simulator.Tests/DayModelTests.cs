using System.Text.Json;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Simulator.Tests;

public sealed class DayModelTests
{
    internal static readonly DateOnly Monday = new(2025, 7, 7);
    internal static readonly SimulationSettings Settings = new();
    internal static readonly CityLayout Layout = CityLayout.Build(Settings);

    private static readonly Lazy<SimRun> MondayRun = new(() =>
    {
        var sim = new CitySimulation(Layout, HanoiTime.StartOf(Monday), runId: "test");
        return SimRun.Simulate(sim, HanoiTime.StartOf(Monday.AddDays(1)), TimeSpan.FromMinutes(5), snapshotEvery: TimeSpan.FromHours(1));
    });

    internal static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => WorkCalendar.At(day, new TimeSpan(hour, minute, 0));

    [Fact]
    public void Layout_has_126_units_with_4_to_12_counters_and_deterministic_devices()
    {
        Assert.Equal(126, Layout.Wards.Count);
        Assert.Equal(51, Layout.Wards.Count(w => w.IsUrban));
        foreach (var w in Layout.Wards)
        {
            Assert.InRange(w.CounterCount, 4, 12);
            Assert.Equal(w.CounterCount, w.Hall.Desks.Length);
            Assert.All(w.CounterServices, s => Assert.NotEmpty(s));
            Assert.Equal(ServiceCodes.All.OrderBy(x => x), w.CounterServices.SelectMany(s => s).Distinct().OrderBy(x => x));
            Assert.InRange(w.RobotCount, 0, 3);
            Assert.Contains(Layout.Devices, d => d.DeviceId == $"sim-{w.Code}-c{w.CounterCount}" && d.Kind == DeviceKinds.Counter && d.Ward == w.Code);
            Assert.Contains(Layout.Devices, d => d.DeviceId == $"sim-{w.Code}-k1" && d.Kind == DeviceKinds.Kiosk);
        }
        Assert.Equal((int)Math.Round(0.35 * 126), Layout.Wards.Count(w => w.RobotCount > 0));
        var dossierSystem = Assert.Single(Layout.Devices, d => d.Kind == DeviceKinds.DossierSystem);
        Assert.Equal("sim-dossier-system", dossierSystem.DeviceId);
        Assert.Equal(126, dossierSystem.Wards!.Count);
        Assert.InRange(Layout.Devices.Count, 700, 1400);
        Assert.Equal(Layout.Devices.Count, Layout.Devices.Select(d => d.DeviceId).Distinct().Count());
        Assert.Equal(Settings.DossiersPerDay, Layout.Wards.Sum(w => w.DossiersPerDay), 3);

        var again = CityLayout.Build(new SimulationSettings());
        Assert.Equal(Layout.Devices.Select(d => d.DeviceId), again.Devices.Select(d => d.DeviceId));
    }

    [Fact]
    public void Weekday_receives_about_DossiersPerDay_with_60_percent_online()
    {
        var received = MondayRun.Value.Events.Where(e => e.Type == EventTypes.DossierReceived && HanoiTime.DayOf(e.Ts) == Monday).ToList();
        Assert.InRange(received.Count, Settings.DossiersPerDay * 0.9, Settings.DossiersPerDay * 1.1);
        var online = received.Count(e => e.Channel == "online") / (double)received.Count;
        Assert.InRange(online, 0.55, 0.65);
        Assert.Contains(received, e => e.Channel == "in_person");
        Assert.Contains(received, e => e.Channel == "postal");
        // Uneven over the wards.
        var perWard = received.GroupBy(e => e.Ward).Select(g => g.Count()).ToList();
        Assert.True(perWard.Max() > 2.5 * perWard.Min(), $"dossiers per ward {perWard.Min()}..{perWard.Max()}");
    }

    [Fact]
    public void Weekday_every_ward_gets_80_to_250_tickets()
    {
        var issued = MondayRun.Value.Events.Where(e => e.Type == EventTypes.TicketIssued).GroupBy(e => e.Ward).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(126, issued.Count);
        Assert.All(issued.Values, n => Assert.InRange(n, 80, 250));
        var all = MondayRun.Value.Events.Where(e => e.Type == EventTypes.TicketIssued).ToList();
        Assert.Contains(all, e => e.Channel == "robot");
        Assert.Contains(all, e => e.Channel == "kiosk");
        Assert.Contains(all, e => e.Channel == "online");
        // Wards without robots issue no robot tickets.
        foreach (var e in all.Where(e => e.Channel == "robot")) Assert.True(Layout.ByCode[e.Ward].RobotCount > 0);
    }

    [Fact]
    public void Every_event_and_snapshot_passes_the_telemetry_v1_field_rules()
    {
        var run = MondayRun.Value;
        var errors = new List<string>();
        foreach (var (e, advancedTo) in run.Timed)
        {
            errors.AddRange(TelemetryValidator.Check(e, Layout, advancedTo));
            if (e.Ts > advancedTo) errors.Add($"{e.Id}: ts after the time advanced to");
        }
        foreach (var s in run.Snapshots) errors.AddRange(TelemetryValidator.Check(s, Layout, s.Ts));
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.Equal(run.Events.Count, run.Events.Select(e => e.Id).Distinct().Count());
        Assert.All(EventTypes.All.Where(t => t is not (EventTypes.DossierPaused or EventTypes.DossierResumed or EventTypes.DossierResolved)),
            t => Assert.Contains(run.Events, e => e.Type == t));
        Assert.Contains(run.Snapshots, s => s.Type == EventTypes.RobotState);
        Assert.Contains(run.Snapshots, s => s.Type == EventTypes.CounterState);
    }

    [Fact]
    public void Tickets_are_called_after_issue_and_waits_are_realistic()
    {
        var run = MondayRun.Value;
        var issued = new Dictionary<(string, string), DateTimeOffset>();
        var called = new Dictionary<(string, string), DateTimeOffset>();
        var served = 0;
        var noShow = 0;
        foreach (var e in run.Events)
        {
            var key = (e.Ward, e.Ticket ?? "");
            switch (e.Type)
            {
                case EventTypes.TicketIssued:
                    Assert.True(issued.TryAdd(key, e.Ts), $"ticket {key} issued twice");
                    break;
                case EventTypes.TicketCalled:
                    Assert.True(issued.TryGetValue(key, out var at), $"ticket {key} called before issued");
                    Assert.True(e.Ts >= at);
                    // A re-call (the citizen did not come) counts with the wait up to the last call.
                    if (called.TryGetValue(key, out var first)) Assert.True(e.Ts > first, $"ticket {key} called again before its first call");
                    called[key] = e.Ts;
                    break;
                case EventTypes.TicketServed or EventTypes.TicketNoShow:
                    Assert.True(called.TryGetValue(key, out var c), $"ticket {key} finished before called");
                    Assert.True(e.Ts >= c);
                    if (e.Type == EventTypes.TicketServed) served++; else noShow++;
                    break;
            }
        }
        Assert.Equal(issued.Count, called.Count); // every ticket of the day is called
        Assert.InRange(noShow / (double)(served + noShow), 0.015, 0.05);

        var waits = called.Select(kv => (kv.Value - issued[kv.Key]).TotalMinutes).OrderBy(x => x).ToArray();
        double P(double q) => waits[(int)(q * (waits.Length - 1))];
        var mid = waits.Count(w => w is >= 5 and <= 25) / (double)waits.Length;
        TestContext.Current.TestOutputHelper?.WriteLine($"waits p10 {P(0.1):F1} p25 {P(0.25):F1} p50 {P(0.5):F1} p75 {P(0.75):F1} p90 {P(0.9):F1} p99 {P(0.99):F1} share 5–25 min {mid:P0}");
        Assert.InRange(P(0.5), 5, 25);
        Assert.True(mid >= 0.45, $"only {mid:P0} of waits within 5–25 min");
        Assert.True(P(0.99) < 120, "some waits longer than two hours");

        // Longer at the morning peak than early in the afternoon session.
        double MeanWait(int fromHour, int toHour) => called.Where(kv => issued[kv.Key] >= At(Monday, fromHour) && issued[kv.Key] < At(Monday, toHour))
            .Average(kv => (kv.Value - issued[kv.Key]).TotalMinutes);
        Assert.True(MeanWait(9, 11) > MeanWait(13, 14), $"peak {MeanWait(9, 11):F1} vs {MeanWait(13, 14):F1}");

        var ratings = run.Events.Where(e => e.Type == EventTypes.RatingSubmitted).ToList();
        Assert.InRange(ratings.Count / (double)served, 0.4, 0.7);
        Assert.InRange(ratings.Count(r => r.Score >= 4) / (double)ratings.Count, 0.75, 0.95);
    }

    [Fact]
    public void Counters_open_only_in_office_hours_and_robots_sleep_at_night()
    {
        var run = MondayRun.Value;
        foreach (var s in run.Snapshots)
        {
            var tod = WorkCalendar.TimeOfDay(s.Ts);
            var night = tod < TimeSpan.FromHours(7) || tod >= TimeSpan.FromHours(19);
            if (s.Type == EventTypes.CounterState && (night || (tod >= TimeSpan.FromHours(12.9) && tod < TimeSpan.FromHours(13))))
                Assert.Equal(CounterStatuses.Closed, s.Status);
            if (s.Type == EventTypes.RobotState && night)
                Assert.Contains(s.Mode, new[] { "docked", "charging" });
        }
        var counterStates = run.Events.Where(e => e.Type == EventTypes.CounterState).ToList();
        Assert.Contains(counterStates, e => e.Status == CounterStatuses.Paused);
        Assert.All(counterStates.Where(e => e.Status == CounterStatuses.Open), e => Assert.True(HanoiTime.IsOfficeHours(e.Ts), $"opened at {e.Ts}"));
        var robotStates = run.Events.Where(e => e.Type == EventTypes.RobotState).ToList();
        foreach (var mode in new[] { "idle", "guiding", "delivering", "charging", "docked", "error" })
            Assert.Contains(robotStates, e => e.Mode == mode);
        Assert.True(robotStates.Min(e => e.Battery) < 90);
    }

    [Fact]
    public void Same_seed_gives_the_same_events_whatever_the_step()
    {
        var end = At(Monday, 11);
        var a = SimRun.Simulate(new CitySimulation(Layout, HanoiTime.StartOf(Monday), runId: "x"), end, TimeSpan.FromMinutes(1), snapshotEvery: TimeSpan.FromMinutes(30));
        var b = SimRun.Simulate(new CitySimulation(CityLayout.Build(new SimulationSettings()), HanoiTime.StartOf(Monday), runId: "x"), end, TimeSpan.FromMinutes(1), snapshotEvery: TimeSpan.FromMinutes(30));
        Assert.Equal(Json(a.Events), Json(b.Events));
        Assert.Equal(Json(a.Snapshots), Json(b.Snapshots));

        var c = SimRun.Simulate(new CitySimulation(Layout, HanoiTime.StartOf(Monday)), end, TimeSpan.FromMinutes(17));
        Assert.Equal(Json(a.Events), Json(c.Events));

        var other = SimRun.Simulate(new CitySimulation(CityLayout.Build(new SimulationSettings { Seed = 7 }), HanoiTime.StartOf(Monday), runId: "x"), end, TimeSpan.FromMinutes(1));
        Assert.NotEqual(Json(a.Events), Json(other.Events));
    }

    [Fact]
    public void A_restart_replays_today_with_the_same_ids()
    {
        var restartAt = At(Monday, 10, 30);
        var earlier = SimRun.Simulate(new CitySimulation(Layout, HanoiTime.StartOf(Monday)), restartAt, TimeSpan.FromMinutes(1));
        var restarted = new CitySimulation(Layout, restartAt);
        var replay = restarted.Advance(restartAt);
        Assert.Equal(Json(earlier.Events), Json(replay));
        Assert.All(replay, e => Assert.True(e.Ts <= restartAt));
    }

    [Fact]
    public void Weekend_has_only_heartbeats_and_online_dossiers()
    {
        var saturday = Monday.AddDays(5);
        var sim = new CitySimulation(Layout, HanoiTime.StartOf(saturday), runId: "w");
        var run = SimRun.Simulate(sim, HanoiTime.StartOf(saturday.AddDays(1)), TimeSpan.FromMinutes(15), snapshotEvery: TimeSpan.FromHours(3));
        Assert.DoesNotContain(run.Events, e => e.Type.StartsWith("ticket.", StringComparison.Ordinal) || e.Type == EventTypes.RatingSubmitted);
        var received = run.Events.Where(e => e.Type == EventTypes.DossierReceived).ToList();
        Assert.NotEmpty(received);
        Assert.True(received.Count < Settings.DossiersPerDay * 0.2);
        Assert.All(received, e => Assert.Equal("online", e.Channel));
        Assert.All(run.Snapshots.Where(s => s.Type == EventTypes.CounterState), s => Assert.Equal(CounterStatuses.Closed, s.Status));
        Assert.All(run.Snapshots.Where(s => s.Type == EventTypes.RobotState && s.Ts >= At(saturday, 6)), s => Assert.Contains(s.Mode, new[] { "docked", "charging" }));
    }

    private static string Json(IEnumerable<SimEvent> events) => JsonSerializer.Serialize(events, TelemetryJson.Options);
}
