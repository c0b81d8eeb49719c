using Ioc.Grains;

namespace Ioc.Tests.Jobs;

/// <summary>The service index against cases worked out by hand.</summary>
public sealed class ServiceIndexTests
{
    private static DaySummary Period(int received, int online, int onTime, int late, int ratings, int good) =>
        new(new DateOnly(2025, 9, 23), received, online, onTime, late, 0, 0, 0, 0, 0, 0, 0, ratings, good, 0, 0);

    [Fact]
    public void Thuong_Tin_4607_of_4684_on_time_none_late()
    {
        // 4,607 / 4,684 = 0.98356 → 19.67 of 20; online 2,811 / 4,684 = 60% ≥ 50% → 22 of 22;
        // 1,200 ratings, 1,140 of them 4–5 = 95% → 17.1 of 18. Measured 58.77 of 60 → 97.95 of 100.
        var s = ServiceIndexScore.Compute(Period(4684, 2811, 4607, 0, 1200, 1140));
        Assert.Equal(19.67, s.OnTimePoints);
        Assert.Equal(22, s.OnlinePoints);
        Assert.Equal(17.1, s.SatisfactionPoints);
        Assert.Equal(58.77, s.Measured);
        Assert.Equal(97.95, s.Scaled100);
        Assert.Equal(0.9836, Math.Round(s.OnTimeShare!.Value, 4));
    }

    [Fact]
    public void Hong_Ha_6323_received_38_late_with_little_online_service()
    {
        // On time 6,200 / 6,323 = 0.980547 → 19.61; online 30% → 0.3 / 0.5 × 22 = 13.2;
        // satisfied 150 / 200 = 75% → 13.5. Measured 46.31 → 77.18.
        var s = ServiceIndexScore.Compute(Period(6323, 1897, 6200, 38, 200, 150));
        Assert.Equal((19.61, 13.2, 13.5), (s.OnTimePoints, s.OnlinePoints, s.SatisfactionPoints));
        Assert.Equal(46.31, s.Measured);
        Assert.Equal(77.18, s.Scaled100);
    }

    [Fact]
    public void Online_points_are_capped_at_full_marks_and_an_empty_period_scores_zero()
    {
        Assert.Equal(22, ServiceIndexScore.Compute(Period(10, 10, 10, 0, 0, 0)).OnlinePoints);
        var empty = ServiceIndexScore.Compute(Period(0, 0, 0, 0, 0, 0));
        Assert.Equal((0.0, 0.0, (double?)null), (empty.Measured, empty.Scaled100, empty.OnTimeShare));
        // More resolved than received in the period (older dossiers closing): the resolved count is the base.
        Assert.Equal(10, ServiceIndexScore.Compute(Period(2, 0, 5, 5, 0, 0)).OnTimePoints);
    }
}
