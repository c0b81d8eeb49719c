using Ioc.Silo.Grains;
using Ioc.Time;
using Microsoft.Extensions.Time.Testing;

namespace Ioc.Tests.Clock;

/// <summary>
/// On a demo clock at 60× a business minute is a real second, for a timer set when it is made and for
/// one moved later: a ward's time rules re-arm the same timer, and an alert due in 10 business minutes
/// must come 10 real seconds later, not 10 real minutes.
/// </summary>
public sealed class BusinessClockTimerTests
{
    private static (FakeTimeProvider Real, IocClock Clock) Demo() =>
        new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 1, 0, 0, TimeSpan.Zero)) is var real ? (real, new IocClock(real, 60)) : default;

    [Fact]
    public void A_timer_moved_on_a_sped_up_clock_fires_after_the_business_time_divided_by_the_speed()
    {
        var (real, clock) = Demo();
        var fired = 0;
        using var timer = new WakeTimer(clock, () => fired++);
        timer.Set(TimeSpan.FromMinutes(30));
        timer.Set(TimeSpan.FromMinutes(10));
        real.Advance(TimeSpan.FromSeconds(9.9));
        Assert.Equal(0, fired);
        real.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, fired);
        Assert.True(timer.TakeFired());
        Assert.False(timer.TakeFired());
    }

    [Fact]
    public void A_transition_timer_re_armed_earlier_wakes_the_grain_at_the_new_instant_only()
    {
        var (real, clock) = Demo();
        var wakes = 0;
        using var rules = new TransitionTimer(clock, () => wakes++);
        var now = clock.GetUtcNow();
        rules.Arm(now.AddHours(2), now);
        rules.Arm(now.AddMinutes(5), now);
        real.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(0, wakes);
        Assert.False(rules.Due(clock.GetUtcNow()));
        real.Advance(TimeSpan.FromSeconds(0.2));
        Assert.Equal(1, wakes);
        Assert.True(rules.Due(clock.GetUtcNow()));
        // The two-hour instant was replaced, not kept beside it.
        real.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, wakes);
    }
}
