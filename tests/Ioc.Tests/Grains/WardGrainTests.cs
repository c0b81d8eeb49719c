using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Tests.Support;
using static Ioc.Tests.Support.Events;

namespace Ioc.Tests.Grains;

/// <summary>
/// The ward's rules on a fake clock. Tests share one cluster and one clock that only moves
/// forward, so each test uses its own ward and reads times relative to "now".
/// </summary>
public sealed class WardGrainTests(GrainClusterFixture fx) : IClassFixture<GrainClusterFixture>
{
    private IWardGrain Ward(string code) => fx.Grains.GetGrain<IWardGrain>(code);

    [Fact]
    public async Task Dossier_becomes_overdue_exactly_at_its_due_time_and_the_alert_resolves_when_it_is_resolved()
    {
        var ward = Ward("00004");
        var due = fx.Now.AddHours(30);
        await ward.ApplyEvents([Received("HS-1", fx.Now, due)]);

        Assert.Equal(0, (await ward.GetSummary()).Dossiers.DueSoon);
        fx.Advance(due - fx.Now - TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var soon = await ward.GetSummary();
        Assert.Equal((1, 0), (soon.Dossiers.DueSoon, soon.Dossiers.Overdue));

        fx.Advance(due - fx.Now - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, (await ward.GetSummary()).Dossiers.Overdue);

        fx.Advance(TimeSpan.FromMilliseconds(2));
        var late = await ward.GetSummary();
        Assert.Equal((1, 0), (late.Dossiers.Overdue, late.Dossiers.DueSoon));
        var alert = Assert.Single(await ward.GetAlerts(), a => a.Kind == AlertKinds.DossierOverdue);
        Assert.Equal((AlertStates.Open, AlertSeverities.Critical, "HS-1"), (alert.State, alert.Severity, alert.Subject));

        await ward.ApplyEvents([Dossier(EventTypes.DossierResolved, "HS-1", fx.Now)]);
        var after = await ward.GetSummary();
        Assert.Equal((0, 0, 0), (after.Dossiers.Overdue, after.Dossiers.InProgress, after.Dossiers.ResolvedOnTime));
        Assert.Equal(1, after.Dossiers.ResolvedLate);
        var closed = (await ward.GetAlerts()).Single(a => a.Id == alert.Id);
        Assert.Equal((AlertStates.Resolved, "system"), (closed.State, closed.ResolvedBy));
    }

    [Fact]
    public async Task The_overdue_timer_raises_and_stores_the_alert_without_anyone_reading_the_ward()
    {
        var ward = Ward("00008");
        var due = fx.Now.AddMinutes(10);
        await ward.ApplyEvents([Received("HS-T", fx.Now, due)]);
        var stored = StoredVersion("ward/00008");
        fx.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        // No call reaches the grain from here; only its timer can write the state again.
        var version = await Eventually.Get(() => Task.FromResult(StoredVersion("ward/00008")), v => v > stored);
        Assert.True(version > stored, "the due-time timer did not store the ward");
        Assert.Contains(await ward.GetAlerts(), a => a.Kind == AlertKinds.DossierOverdue && a.Subject == "HS-T");
    }

    private long StoredVersion(string grainId)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(fx.DataPath, "grains.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT etag FROM grain_state WHERE grain_id = $g";
        cmd.Parameters.AddWithValue("$g", grainId);
        return cmd.ExecuteScalar() is long v ? v : 0;
    }

    [Fact]
    public async Task Pausing_stops_the_clock_and_resuming_moves_the_due_time_later_by_the_pause()
    {
        var ward = Ward("00025");
        var start = fx.Now;
        var due = start.AddHours(1);
        await ward.ApplyEvents([Received("HS-P", start, due)]);
        fx.Advance(TimeSpan.FromMinutes(10));
        await ward.ApplyEvents([Dossier(EventTypes.DossierPaused, "HS-P", fx.Now)]);
        fx.Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await ward.GetSummary()).Dossiers.Overdue);

        await ward.ApplyEvents([Dossier(EventTypes.DossierResumed, "HS-P", fx.Now)]);
        // Paused for 2 h: due moves from start+1h to start+3h.
        var newDue = due.AddHours(2);
        fx.Advance(newDue - fx.Now - TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await ward.GetSummary()).Dossiers.Overdue);
        fx.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await ward.GetSummary()).Dossiers.Overdue);
        var detail = await ward.GetDetail();
        Assert.Equal(newDue, Assert.Single(detail.OverdueDossiers).DueAt);
    }

    [Fact]
    public async Task A_dossier_resolved_at_its_moved_due_time_is_on_time()
    {
        var ward = Ward("00070");
        var start = fx.Now;
        await ward.ApplyEvents([Received("HS-R", start, start.AddMinutes(30))]);
        await ward.ApplyEvents([Dossier(EventTypes.DossierPaused, "HS-R", start.AddMinutes(5))]);
        await ward.ApplyEvents([Dossier(EventTypes.DossierResumed, "HS-R", start.AddMinutes(25))]);
        // Due moved to start+50 min; resolving at start+45 is on time although past the first due time.
        await ward.ApplyEvents([Dossier(EventTypes.DossierResolved, "HS-R", start.AddMinutes(45))]);
        var s = await ward.GetSummary();
        Assert.Equal((1, 0), (s.Dossiers.ResolvedOnTime, s.Dossiers.ResolvedLate));
    }

    [Fact]
    public async Task Repeated_event_ids_are_counted_as_duplicates_and_change_nothing()
    {
        var ward = Ward("00082");
        var batch = new[] { Issued("A001", ServiceCodes.HoTich, fx.Now), Rating(5, fx.Now), Received("HS-D", fx.Now, fx.Now.AddDays(3)) };
        var first = await ward.ApplyEvents([.. batch]);
        var again = await ward.ApplyEvents([.. batch]);
        Assert.Equal(new ApplyResult(3, 0), first);
        Assert.Equal(new ApplyResult(0, 3), again);
        var s = await ward.GetSummary();
        Assert.Equal((1, 1, 1, 1), (s.TicketsIssued, s.Waiting, s.Ratings, s.Dossiers.Received));
    }

    [Fact]
    public async Task Ticket_waits_use_called_minus_issued_even_when_the_call_arrives_first()
    {
        var ward = Ward("00091");
        var t0 = fx.Now;
        await ward.ApplyEvents([Called("B001", "1", t0.AddMinutes(12))]);
        await ward.ApplyEvents([Issued("B001", ServiceCodes.ChungThuc, t0)]);
        await ward.ApplyEvents([Issued("B002", ServiceCodes.ChungThuc, t0), Called("B002", "2", t0.AddMinutes(20))]);
        var s = await ward.GetSummary();
        Assert.Equal((0, 2), (s.Waiting, s.WaitsMeasured));
        Assert.Equal(16 * 60, s.AvgWaitSeconds);
        Assert.Equal(20 * 60, s.MaxWaitSeconds);
        Assert.Equal(1, s.WaitsOverTarget); // 20 min is over the 15 min target, 12 min is not
    }

    [Fact]
    public async Task Counts_reset_at_midnight_in_Hanoi_but_open_dossiers_stay()
    {
        var ward = Ward("00097");
        await ward.ApplyEvents([Issued("C001", ServiceCodes.DatDai, fx.Now), Rating(4, fx.Now), Received("HS-M", fx.Now, fx.Now.AddDays(10))]);
        var before = await ward.GetSummary();
        Assert.Equal((1, 1, 1), (before.TicketsIssued, before.Ratings, before.Dossiers.Received));

        var local = Time.HanoiTime.ToLocal(fx.Now);
        var midnight = Time.HanoiTime.NextMidnight(fx.Now);
        fx.Advance(midnight - fx.Now - TimeSpan.FromSeconds(1));
        Assert.Equal(before.Day, (await ward.GetSummary()).Day);
        fx.Advance(TimeSpan.FromSeconds(2));
        var after = await ward.GetSummary();
        Assert.Equal(DateOnly.FromDateTime(local.Date).AddDays(1).ToString("yyyy-MM-dd"), after.Day);
        Assert.Equal((0, 0, 0, 0), (after.TicketsIssued, after.Ratings, after.Dossiers.Received, after.Waiting));
        Assert.Equal(1, after.Dossiers.InProgress);
    }

    [Fact]
    public async Task One_alert_per_cause_while_open_and_it_resolves_itself_when_the_queue_shortens()
    {
        var ward = Ward("00103");
        var now = fx.Now;
        await ward.ApplyEvents([.. Enumerable.Range(1, 20).Select(i => Issued($"Q{i:000}", ServiceCodes.HoTich, now))]);
        await ward.ApplyEvents([.. Enumerable.Range(21, 5).Select(i => Issued($"Q{i:000}", ServiceCodes.HoTich, now))]);
        var queueAlerts = (await ward.GetAlerts()).Where(a => a.Kind == AlertKinds.QueueLong).ToList();
        var open = Assert.Single(queueAlerts);
        Assert.Equal(AlertStates.Open, open.State);

        await ward.ApplyEvents([.. Enumerable.Range(1, 10).Select(i => Called($"Q{i:000}", "1", now.AddMinutes(1)))]);
        var resolved = (await ward.GetAlerts()).Single(a => a.Id == open.Id);
        Assert.Equal(AlertStates.Resolved, resolved.State);

        await ward.ApplyEvents([.. Enumerable.Range(26, 10).Select(i => Issued($"Q{i:000}", ServiceCodes.HoTich, now.AddMinutes(2)))]);
        var all = (await ward.GetAlerts()).Where(a => a.Kind == AlertKinds.QueueLong).ToList();
        Assert.Equal(2, all.Count);
        Assert.Single(all, a => a.State == AlertStates.Open);
    }

    [Fact]
    public async Task Acknowledging_records_who_and_when()
    {
        var ward = Ward("00118");
        await ward.ApplyEvents([Received("HS-A", fx.Now, fx.Now.AddMinutes(1))]);
        fx.Advance(TimeSpan.FromMinutes(2));
        var alert = (await ward.GetAlerts()).Single(a => a.Kind == AlertKinds.DossierOverdue);
        var acked = (await ward.AcknowledgeAlert(alert.Id, "chief.bode", "calling the dossier desk")).Alert;
        Assert.Equal((AlertStates.Acknowledged, "chief.bode", "calling the dossier desk"), (acked!.State, acked.AcknowledgedBy, acked.AcknowledgeNote));
        Assert.Equal(fx.Now, acked.AcknowledgedAt);
        Assert.Equal(ActionOutcome.NotFound, (await ward.AcknowledgeAlert("00118-999", "x", null)).Outcome);
    }
}

public sealed class WardDayCloseTests(GrainClusterFixture fx) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task At_midnight_the_day_is_kept_as_a_summary_and_minutes_are_sampled()
    {
        var ward = fx.Grains.GetGrain<IWardGrain>("00256");
        await ward.ApplyEvents([
            Issued("D001", ServiceCodes.HoTich, fx.Now), Called("D001", "1", fx.Now.AddMinutes(20)),
            Received("HS-DC1", fx.Now, fx.Now.AddHours(1)), Received("HS-DC2", fx.Now, fx.Now.AddDays(9), "in_person"),
            Dossier(EventTypes.DossierResolved, "HS-DC1", fx.Now.AddMinutes(30)), Rating(5, fx.Now), Rating(3, fx.Now),
        ]);
        fx.Advance(TimeSpan.FromMinutes(3));
        await ward.GetSummary();
        var midnight = Time.HanoiTime.NextMidnight(fx.Now);
        fx.Advance(midnight - fx.Now + TimeSpan.FromMinutes(1));
        var h = await Eventually.Get(ward.GetHistory, x => x.Days.Length > 0);
        var day = Assert.Single(h.Days);
        Assert.Equal(Time.HanoiTime.DayOf(midnight.AddHours(-1)), day.Day);
        Assert.Equal((2, 1, 1, 0), (day.DossiersReceived, day.DossiersReceivedOnline, day.DossiersResolvedOnTime, day.DossiersResolvedLate));
        Assert.Equal((1, 1, 1200.0, 2, 1), (day.TicketsIssued, day.WaitsMeasured, day.WaitMillisSum / 1000.0, day.Ratings, day.RatingsGood));
        Assert.True(h.Minutes.Length >= 2);
        Assert.Contains(h.Minutes, m => m.Waiting == 0);
        Assert.Equal(0, (await ward.GetToday()).DossiersReceived);
    }

    [Fact]
    public async Task Critical_alerts_unacknowledged_for_ten_minutes_are_escalated_and_acknowledged_ones_are_not()
    {
        var ward = fx.Grains.GetGrain<IWardGrain>("00283");
        await ward.ApplyEvents([Received("HS-E1", fx.Now, fx.Now), Received("HS-E2", fx.Now, fx.Now)]);
        fx.Advance(TimeSpan.FromSeconds(1));
        var alerts = (await ward.GetAlerts()).Where(a => a.Kind == AlertKinds.DossierOverdue).ToList();
        Assert.Equal(2, alerts.Count);
        await ward.AcknowledgeAlert(alerts[0].Id, "chief", null);
        Assert.Equal(0, await ward.EscalateUnacknowledged(TimeSpan.FromMinutes(10)));
        fx.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await ward.EscalateUnacknowledged(TimeSpan.FromMinutes(10)));
        var after = (await ward.GetAlerts()).ToDictionary(a => a.Id);
        Assert.Equal(AlertStates.Acknowledged, after[alerts[0].Id].State);
        Assert.Equal(AlertStates.Escalated, after[alerts[1].Id].State);
        Assert.NotNull(after[alerts[1].Id].EscalatedAt);
        Assert.Equal(0, await ward.EscalateUnacknowledged(TimeSpan.FromMinutes(10)));
    }
}
