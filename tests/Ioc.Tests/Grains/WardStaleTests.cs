using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Tests.Support;
using static Ioc.Tests.Support.Events;

namespace Ioc.Tests.Grains;

/// <summary>Own cluster and clock: staleness depends on office hours, which other tests move past.</summary>
public sealed class WardStaleTests(GrainClusterFixture fx) : IClassFixture<GrainClusterFixture>
{
    private void MoveUntil(Func<DateTimeOffset, bool> fits)
    {
        while (!fits(fx.Now)) fx.Advance(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task A_ward_silent_for_ten_minutes_in_office_hours_turns_stale_and_recovers_when_data_arrives()
    {
        // The tests share a clock that only moves forward: find a stretch of office hours first.
        MoveUntil(t => Time.HanoiTime.IsOfficeHours(t) && Time.HanoiTime.IsOfficeHours(t.AddMinutes(12)));
        var ward = fx.Grains.GetGrain<IWardGrain>("00292");
        await ward.ApplyEvents([Issued("S001", ServiceCodes.HoTich, fx.Now)]);
        fx.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal("ok", (await ward.GetSummary()).Status);

        fx.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var stale = await ward.GetSummary();
        Assert.Equal("stale", stale.Status);
        // Earlier silent stretches (the city feed wakes every ward) may have left resolved ones: one is open now.
        var alert = Assert.Single(await ward.GetAlerts(), a => a.Kind == AlertKinds.WardStale && a.State == AlertStates.Open);

        await ward.ApplyEvents([Issued("S002", ServiceCodes.HoTich, fx.Now)]);
        Assert.Equal("ok", (await ward.GetSummary()).Status);
        Assert.Equal(AlertStates.Resolved, (await ward.GetAlerts()).Single(a => a.Id == alert.Id).State);
    }

    [Fact]
    public async Task Outside_office_hours_silence_is_not_staleness()
    {
        var ward = fx.Grains.GetGrain<IWardGrain>("00301");
        await ward.ApplyEvents([Issued("N001", ServiceCodes.HoTich, fx.Now)]);
        // Into a closed stretch (lunch or evening), well past ten silent minutes: not stale.
        MoveUntil(t => !Time.HanoiTime.IsOfficeHours(t) && !Time.HanoiTime.IsOfficeHours(t.AddMinutes(-15)));
        Assert.NotEqual("stale", (await ward.GetSummary()).Status);
        Assert.False(Time.HanoiTime.IsOfficeHours(fx.Now));
    }
}
