using CsCheck;
using Ioc.Silo.Wards;

namespace Ioc.Tests.Ledger;

/// <summary>
/// The ward's correction of its forecasts: a band whose citizens keep waiting longer than forecast is told
/// longer, by the geometric mean of what they waited over what was forecast, shrunk towards no correction
/// while the band has seen few; the last few citizens' luck barely moves it; other bands are left alone.
/// </summary>
public sealed class ForecastCorrectionTests
{
    private const double Offset = ForecastCorrection.OffsetSeconds;

    [Fact]
    public void A_band_whose_citizens_wait_half_as_long_again_is_told_longer_and_other_bands_are_not()
    {
        var c = new ForecastCorrection();
        // 450 citizens forecast 20 min (the 15–30 min band) waited (20 min + 1) × 1.5 − 1.
        for (var i = 0; i < 450; i++) c.Learn(1200, (1200 + Offset) * 1.5 - Offset);
        var factor = Math.Exp(Math.Log(1.5) * 450 / (450 + ForecastCorrection.PriorTickets));
        Assert.Equal((1000 + Offset) * factor - Offset, c.Corrected(1000), 6);
        Assert.Equal(400, c.Corrected(400), 6);
    }

    [Fact]
    public void A_few_lucky_citizens_barely_move_the_estimate_and_a_night_weighs_them_less()
    {
        var c = new ForecastCorrection();
        for (var i = 0; i < 3; i++) c.Learn(600, 60);
        Assert.InRange(c.Corrected(600), 0.85 * 600, 600);
        var before = c.Factor(600);
        c.Roll();
        Assert.True(c.Factor(600) > before && c.Factor(600) < 1, $"{c.Factor(600)} vs {before}");
    }

    [Fact]
    public void The_correction_does_not_depend_on_the_order_citizens_were_called_in()
    {
        Gen.Select(Gen.Double[0, 3600], Gen.Double[0, 3600]).Array[1, 40].Select(Gen.Int).Sample((pairs, seed) =>
        {
            var inOrder = new ForecastCorrection();
            foreach (var (f, a) in pairs) inOrder.Learn(f, a);
            var rng = new Random(seed);
            var shuffled = new ForecastCorrection();
            foreach (var (f, a) in pairs.OrderBy(_ => rng.Next())) shuffled.Learn(f, a);
            foreach (var f in new[] { 60.0, 200, 400, 700, 1200, 2400 })
                Assert.Equal(inOrder.Corrected(f), shuffled.Corrected(f), 6);
        });
    }
}
