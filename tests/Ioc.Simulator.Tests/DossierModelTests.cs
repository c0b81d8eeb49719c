using Ioc.Simulator.Model;
using Ioc.Simulator.Runtime;
using Ioc.Telemetry;
using Ioc.Time;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.Simulator.Tests;

/// <summary>Dossiers over days and weeks: legal due dates, the city's late rate, a restart that keeps the schedule.</summary>
public sealed class DossierModelTests
{
    private static readonly DateOnly Monday = DayModelTests.Monday;
    private static readonly SimulationSettings Settings = DayModelTests.Settings;
    private static readonly CityLayout Layout = DayModelTests.Layout;

    private static DateTimeOffset At(DateOnly day, int hour, int minute = 0) => DayModelTests.At(day, hour, minute);

    [Fact]
    public void Due_dates_follow_the_procedure_rules()
    {
        var certification = Catalog.ProceduresOf(ServiceCodes.ChungThuc)[0];
        var civil = Catalog.ProceduresOf(ServiceCodes.HoTich)[0];
        Assert.Equal(At(Monday, 17), DueDates.Of(At(Monday, 9), certification));
        Assert.Equal(At(Monday.AddDays(1), 17), DueDates.Of(At(Monday, 15, 30), certification));
        Assert.Equal(At(Monday.AddDays(3), 17), DueDates.Of(At(Monday, 10), civil));
        var friday = Monday.AddDays(4);
        Assert.Equal(At(Monday.AddDays(9), 17), DueDates.Of(At(friday, 10), civil)); // Fri + 3 working days = Wed
        Assert.Equal(At(Monday.AddDays(10), 17), DueDates.Of(At(friday, 20), civil)); // counts from Monday
        Assert.Equal(At(Monday.AddDays(7), 17), DueDates.Of(At(friday.AddDays(1), 11), certification)); // Saturday → Monday
    }

    [Fact]
    public void Over_four_weeks_few_dossiers_are_late_and_some_wards_are_clearly_worse()
    {
        var start = HanoiTime.StartOf(Monday);
        var sim = new CitySimulation(Layout, start, runId: "late");
        var open = new Dictionary<string, (DateTimeOffset Received, DateTimeOffset Due, DateTimeOffset? PausedAt, TimeSpan Paused, string Ward)>();
        var resolved = new Dictionary<string, int>();
        var late = new Dictionary<string, int>();
        var errors = new List<string>();
        var pauses = 0;
        SimRun.Simulate(sim, start + TimeSpan.FromDays(28), TimeSpan.FromHours(1), keep: false, onEvent: e =>
        {
            switch (e.Type)
            {
                case EventTypes.DossierReceived:
                    if (!open.TryAdd(e.Dossier!, (e.Ts, e.DueAt!.Value, null, TimeSpan.Zero, e.Ward))) errors.Add($"{e.Dossier} received twice");
                    break;
                case EventTypes.DossierPaused:
                    if (!open.TryGetValue(e.Dossier!, out var p) || p.PausedAt is not null || e.Ts <= p.Received) { errors.Add($"{e.Dossier} bad pause"); break; }
                    open[e.Dossier!] = p with { PausedAt = e.Ts };
                    pauses++;
                    break;
                case EventTypes.DossierResumed:
                    if (!open.TryGetValue(e.Dossier!, out var r) || r.PausedAt is null) { errors.Add($"{e.Dossier} resumed while not paused"); break; }
                    open[e.Dossier!] = r with { Paused = r.Paused + (e.Ts - r.PausedAt.Value), PausedAt = null };
                    break;
                case EventTypes.DossierResolved:
                    if (!open.Remove(e.Dossier!, out var d)) { errors.Add($"{e.Dossier} resolved but never received"); break; }
                    if (e.Ts <= d.Received) errors.Add($"{e.Dossier} resolved before it was received");
                    if (d.PausedAt is not null) errors.Add($"{e.Dossier} resolved while paused");
                    resolved[d.Ward] = resolved.GetValueOrDefault(d.Ward) + 1;
                    if (e.Ts > d.Due + d.Paused) late[d.Ward] = late.GetValueOrDefault(d.Ward) + 1;
                    break;
            }
        });
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10)));
        var totalResolved = resolved.Values.Sum();
        var totalLate = late.Values.Sum();
        var share = totalLate / (double)totalResolved;
        TestContext.Current.TestOutputHelper?.WriteLine($"resolved {totalResolved}, late {totalLate} ({share:P3}), pauses {pauses}, still open {open.Count}");
        Assert.True(totalResolved > 80_000);
        Assert.InRange(share, 0.0008, 0.003); // the city's 0.15 %
        Assert.True(pauses > 1000);
        var worst = resolved.Where(kv => kv.Value >= 200).Max(kv => late.GetValueOrDefault(kv.Key) / (double)kv.Value);
        Assert.True(worst > 5 * share && worst > 0.01, $"worst ward late share {worst:P2} vs city {share:P3}");
    }

    [Fact]
    public void The_pending_schedule_survives_a_restart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ioc-sim-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            // A small city keeps the two simulated months quick.
            var layout = CityLayout.Build(new SimulationSettings { DossiersPerDay = 600 }, Ioc.Wards.WardDirectory.Load("hanoi").All.Take(12).ToList());
            var start = HanoiTime.StartOf(Monday);
            var first = new CitySimulation(layout, start);
            var before = SimRun.Simulate(first, At(Monday.AddDays(1), 15), TimeSpan.FromMinutes(30));
            Assert.NotEmpty(first.OpenDossiers);
            var store = new SimulatorStateStore(dir, NullLogger.Instance);
            store.Save(Settings.Seed, first.Now, first.OpenDossiers);
            var expected = first.OpenDossiers.Select(d => d.Id).ToHashSet();
            var receivedBefore = before.Events.Where(e => e.Type == EventTypes.DossierReceived).Select(e => e.Dossier!).ToHashSet();
            Assert.Subset(receivedBefore, expected);

            // Down for a day: the next run starts on Wednesday afternoon.
            var loaded = new SimulatorStateStore(dir, NullLogger.Instance).Load();
            Assert.NotNull(loaded);
            Assert.Equal(expected.Count, loaded.Dossiers.Count);
            var restartAt = At(Monday.AddDays(2), 15);
            var second = new CitySimulation(layout, restartAt, loaded.Dossiers);
            var after = new List<SimEvent>();
            SimRun.Simulate(second, restartAt + TimeSpan.FromDays(60), TimeSpan.FromHours(6), keep: false,
                onEvent: e => { if (e.Type.StartsWith("dossier.", StringComparison.Ordinal)) after.Add(e); });
            var resolvedAfter = after.Where(e => e.Type == EventTypes.DossierResolved).ToList();
            Assert.Subset(resolvedAfter.Select(e => e.Dossier!).ToHashSet(), expected);
            Assert.All(resolvedAfter.Where(e => expected.Contains(e.Dossier!)), e => Assert.True(e.Ts >= restartAt));
            // None of the earlier run's dossiers is received again.
            Assert.DoesNotContain(after, e => e.Type == EventTypes.DossierReceived && expected.Contains(e.Dossier!));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
