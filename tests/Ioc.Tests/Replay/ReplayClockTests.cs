using CsCheck;
using Ioc.Dashboard.Replay;
using Ioc.Time;
using Microsoft.Extensions.Time.Testing;

namespace Ioc.Tests.Replay;

/// <summary>
/// A replay's clock against a model of it written here: day time = where it was put + real time passed × the speed
/// of the moment, nothing while paused, held at the day's end; a speed change or a pause never makes it jump.
/// </summary>
public sealed class ReplayClockTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    /// <summary>One thing a viewer does: wait (real seconds), change speed, pause or resume, or jump to a time of the day.</summary>
    private static readonly Gen<(int Kind, int Value)> Step = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3600]);

    [Fact]
    public void The_clock_is_the_real_time_passed_times_the_speed_from_where_it_was_put_and_stops_at_midnight() =>
        Gen.Select(Gen.Int[1, 3600], Step.Array[0, 40]).Sample((speed, steps) =>
        {
            var real = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            var clock = new ReplayClock(Day, speed, real);
            var start = HanoiTime.StartOf(Day);
            var end = HanoiTime.StartOf(Day.AddDays(1));
            var (model, modelSpeed, paused) = (start, speed, false);
            foreach (var (kind, value) in steps)
            {
                var before = clock.Now;
                switch (kind)
                {
                    case 0:
                        real.Advance(TimeSpan.FromSeconds(value));
                        if (!paused) model += TimeSpan.FromSeconds((double)value * modelSpeed);
                        if (model > end) model = end;
                        Assert.True(clock.Now >= before, "a replay's clock never goes back by itself");
                        break;
                    case 1:
                        modelSpeed = Math.Max(1, value);
                        clock.SetSpeed(modelSpeed);
                        Assert.Equal(before, clock.Now);
                        break;
                    case 2:
                        if (paused) clock.Resume(); else clock.Pause();
                        paused = !paused;
                        Assert.Equal(before, clock.Now);
                        break;
                    default:
                        model = start + TimeSpan.FromSeconds(value * 24.0);
                        clock.Seek(model);
                        break;
                }
                Assert.Equal(model, clock.Now);
                Assert.Equal(model >= end, clock.Ended);
                Assert.Equal(paused, clock.Paused);
            }
        });

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_speed_below_real_time_is_refused(int speed) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplayClock(Day, speed, TimeProvider.System));
}
