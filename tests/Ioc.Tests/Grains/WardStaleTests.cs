using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Tests.Support;
using static Ioc.Tests.Support.Events;

namespace Ioc.Tests.Grains;

/// <summary>Own cluster and clock: staleness depends on office hours, which other tests move past.</summary>
public sealed class WardStaleTests(GrainClusterFixture fx) : IClassFixture<GrainClusterFixture>
{
    [Fact]
    public async Task A_ward_silent_for_ten_minutes_in_office_hours_turns_stale_and_recovers_when_data_arrives()
    {
        var ward = fx.Grains.GetGrain<IWardGrain>("00292");
        await ward.ApplyEvents([Issued("S001", ServiceCodes.HoTich, fx.Now)]);
        fx.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("ok", (await ward.GetSummary()).Status);

        fx.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var stale = await ward.GetSummary();
        Assert.Equal("stale", stale.Status);
        var alert = Assert.Single(await ward.GetAlerts(), a => a.Kind == AlertKinds.WardStale);
        Assert.Equal(AlertStates.Open, alert.State);

        await ward.ApplyEvents([Issued("S002", ServiceCodes.HoTich, fx.Now)]);
        Assert.Equal("ok", (await ward.GetSummary()).Status);
        Assert.Equal(AlertStates.Resolved, (await ward.GetAlerts()).Single(a => a.Id == alert.Id).State);
    }

    [Fact]
    public async Task Outside_office_hours_silence_is_not_staleness()
    {
        var ward = fx.Grains.GetGrain<IWardGrain>("00301");
        await ward.ApplyEvents([Issued("N001", ServiceCodes.HoTich, fx.Now)]);
        // 09:00 + 3 h 30 min = 12:30, the lunch break: silent for over 10 minutes, yet not stale.
        var lunch = new DateTimeOffset(fx.Now.Year, fx.Now.Month, fx.Now.Day, 12, 30, 0, Time.HanoiTime.Offset);
        if (fx.Now < lunch) fx.Advance(lunch - fx.Now);
        Assert.NotEqual("stale", (await ward.GetSummary()).Status);
    }
}
