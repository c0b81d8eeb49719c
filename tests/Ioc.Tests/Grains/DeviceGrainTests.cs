using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Tests.Support;
using static Ioc.Tests.Support.Events;

namespace Ioc.Tests.Grains;

public sealed class DeviceGrainTests(GrainClusterFixture fx) : IClassFixture<GrainClusterFixture>
{
    private static RobotStateReport Robot(string ward, DateTimeOffset ts, double x, double battery = 80, string mode = "guiding") =>
        new(NextId("r"), ts, ward, new Pose(x, 2, 0.3, "G"), battery, mode, null);

    private static CounterStateReport Desk(string ward, string label, DateTimeOffset ts, string status, params string[] services) =>
        new(NextId("c"), ts, ward, $"desk-{ward}-{label}", label, status, [.. services]);

    [Fact]
    public async Task Latest_state_by_ts_wins_and_an_older_message_is_accepted_and_ignored()
    {
        var robot = fx.Grains.GetGrain<IRobotGrain>("robot-ooo");
        var t = fx.Now;
        var newer = Robot("00127", t.AddSeconds(5), x: 7);
        var older = Robot("00127", t, x: 3);
        Assert.Equal(new ApplyResult(1, 0), await robot.ApplyStates([newer]));
        Assert.Equal(new ApplyResult(1, 0), await robot.ApplyStates([older]));
        var view = await robot.GetView();
        Assert.Equal(7, view.Pose!.X);
        Assert.Equal(new ApplyResult(0, 1), await robot.ApplyStates([newer]));
    }

    [Fact]
    public async Task A_robot_silent_for_60_seconds_goes_offline_and_its_ward_raises_one_alert()
    {
        const string ward = "00136";
        var robot = fx.Grains.GetGrain<IRobotGrain>("robot-quiet");
        await robot.ApplyStates([Robot(ward, fx.Now, x: 1)]);
        var wardGrain = fx.Grains.GetGrain<IWardGrain>(ward);
        Assert.Equal(1, (await wardGrain.GetSummary()).RobotsOnline);

        fx.Advance(TimeSpan.FromSeconds(59));
        Assert.True((await robot.GetView()).Online);
        fx.Advance(TimeSpan.FromSeconds(2));
        Assert.False((await robot.GetView()).Online);

        // The robot's own tick tells the ward; nothing else calls it.
        for (var i = 0; i < 3; i++) fx.Advance(TimeSpan.FromSeconds(10));
        var alerts = await Eventually.Get(wardGrain.GetAlerts, a => a.Any(x => x.Kind == AlertKinds.RobotOffline));
        var alert = Assert.Single(alerts, a => a.Kind == AlertKinds.RobotOffline);
        Assert.Equal("robot-quiet", alert.Subject);
        Assert.Equal(0, (await wardGrain.GetSummary()).RobotsOnline);

        await robot.ApplyStates([Robot(ward, fx.Now, x: 2)]);
        var back = await Eventually.Get(wardGrain.GetAlerts, a => a.Single(x => x.Id == alert.Id).State == AlertStates.Resolved);
        Assert.Equal(AlertStates.Resolved, back.Single(x => x.Id == alert.Id).State);
    }

    [Fact]
    public async Task An_emergency_stop_stays_alerted_until_a_person_resolves_it()
    {
        const string ward = "00145";
        var robot = fx.Grains.GetGrain<IRobotGrain>("robot-estop");
        await robot.ApplyStates([Robot(ward, fx.Now, x: 1, mode: "emergency")]);
        var wardGrain = fx.Grains.GetGrain<IWardGrain>(ward);
        var alert = Assert.Single(await wardGrain.GetAlerts(), a => a.Kind == AlertKinds.RobotError);
        Assert.Equal(AlertSeverities.Critical, alert.Severity);

        await robot.ApplyStates([Robot(ward, fx.Now.AddSeconds(1), x: 1, mode: "idle")]);
        Assert.Equal(AlertStates.Open, (await wardGrain.GetAlerts()).Single(a => a.Id == alert.Id).State);
        var resolved = (await wardGrain.ResolveAlert(alert.Id, "city.leader", null)).Alert;
        Assert.Equal((AlertStates.Resolved, "city.leader"), (resolved!.State, resolved.ResolvedBy));
    }

    [Fact]
    public async Task The_wait_estimate_follows_queue_desks_and_recent_service_times_and_its_error_is_measured()
    {
        const string ward = "00160";
        var wardGrain = fx.Grains.GetGrain<IWardGrain>(ward);
        var t0 = fx.Now;
        await fx.Grains.GetGrain<ICounterGrain>(ICounterGrain.KeyOf(ward, "1")).ApplyStates([Desk(ward, "1", t0, "open", ServiceCodes.ChungThuc)]);
        await fx.Grains.GetGrain<ICounterGrain>(ICounterGrain.KeyOf(ward, "2")).ApplyStates([Desk(ward, "2", t0, "open", ServiceCodes.ChungThuc, ServiceCodes.HoTich)]);

        // Nobody waiting and two idle desks: a citizen taking a ticket now is called at once.
        var first = await wardGrain.EstimateWait(ServiceCodes.ChungThuc);
        Assert.Equal((0, 2, 0.0), (first.Waiting, first.CountersServing, first.EstimatedWaitSeconds));

        // Two tickets served in 4 and 6 minutes teach the ward a 5-minute mean.
        await wardGrain.ApplyEvents([
            Issued("S001", ServiceCodes.ChungThuc, t0), Issued("S002", ServiceCodes.ChungThuc, t0),
            Called("S001", "1", t0.AddMinutes(1)), Called("S002", "2", t0.AddMinutes(2)),
            Served("S001", "1", t0.AddMinutes(5)), Served("S002", "2", t0.AddMinutes(8)),
        ]);
        var s = await wardGrain.GetSummary();
        // Both were told 0 s (two idle desks, at most one ahead); they waited 60 s and 120 s → MAE 90 s,
        // and neither waited five minutes longer than told.
        Assert.Equal((2, 90.0, 0), (s.WaitEstimatesCompared, s.WaitEstimateMaeSeconds, s.WaitEstimatesUnderBy5Min));

        await wardGrain.ApplyEvents([Issued("S003", ServiceCodes.ChungThuc, t0.AddMinutes(9)), Issued("S004", ServiceCodes.ChungThuc, t0.AddMinutes(9))]);
        var now = await wardGrain.EstimateWait(ServiceCodes.ChungThuc);
        // Two waiting take the two desks; the next citizen waits for the first of the two to finish. The
        // ward now expects services of about the 4–6 minutes it measured (the earlier of two such ends
        // comes after 2–6 minutes), not the 8-minute default (which would put it past 4 minutes).
        Assert.Equal((2, 2), (now.Waiting, now.CountersServing));
        Assert.InRange(now.EstimatedWaitSeconds!.Value, 120, 360);
        var none = await wardGrain.EstimateWait(ServiceCodes.DatDai);
        Assert.Equal((0, (double?)null), (none.CountersServing, none.EstimatedWaitSeconds));

        var detail = await wardGrain.GetDetail();
        var desk2 = Assert.Single(detail.Counters, c => c.Counter == "2");
        Assert.Equal((1, "open", true), (desk2.ServedToday, desk2.Status, desk2.Online));
        Assert.Equal(2, detail.CountersOpen);
    }
}
