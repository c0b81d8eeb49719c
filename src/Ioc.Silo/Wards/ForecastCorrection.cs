namespace Ioc.Silo.Wards;

/// <summary>
/// How the hall's real waits compare with the forecast, per band of forecast: the mean of
/// ln((actual + 1 min) ÷ (forecast + 1 min)), shrunk towards no correction until the band has seen many
/// tickets, and decayed each night like the service times. What the forecast cannot see coming (a hall
/// under pressure speeding up, breaks put off) is how the ward learns it; a band with few tickets stays
/// near the forecast rather than following the last few citizens' luck.
/// </summary>
[GenerateSerializer]
public sealed class ForecastCorrection
{
    private static readonly double[] BandTops = [120, 300, 600, 900, 1800, double.PositiveInfinity];
    /// <summary>Pseudo-tickets with no correction in every band.</summary>
    public const double PriorTickets = 50;
    /// <summary>Keeps a small wait's ratio from swinging on seconds.</summary>
    public const double OffsetSeconds = 60;
    private const double MaxFactor = 2.5;

    /// <summary>Per band: tickets (decayed) and Σ ln((actual + offset) ÷ (forecast + offset)).</summary>
    [Id(0)] public double[] Tickets { get; init; } = new double[BandTops.Length];
    [Id(1)] public double[] LogRatioSum { get; init; } = new double[BandTops.Length];

    public static int Band(double seconds)
    {
        var b = 0;
        while (seconds >= BandTops[b]) b++;
        return b;
    }

    /// <summary>The factor the ward applies to a forecast of <paramref name="forecastSeconds"/>.</summary>
    public double Factor(double forecastSeconds)
    {
        var b = Band(forecastSeconds);
        return Math.Clamp(Math.Exp(LogRatioSum[b] / (Tickets[b] + PriorTickets)), 1 / MaxFactor, MaxFactor);
    }

    /// <summary>A forecast corrected by what the ward learned of its forecasts in that band.</summary>
    public double Corrected(double forecastSeconds) =>
        Math.Max(0, (forecastSeconds + OffsetSeconds) * Factor(forecastSeconds) - OffsetSeconds);

    /// <summary>A ticket forecast <paramref name="forecastSeconds"/> was called after <paramref name="actualSeconds"/>.</summary>
    public void Learn(double forecastSeconds, double actualSeconds)
    {
        var b = Band(forecastSeconds);
        Tickets[b]++;
        LogRatioSum[b] += Math.Log((Math.Max(0, actualSeconds) + OffsetSeconds) / (Math.Max(0, forecastSeconds) + OffsetSeconds));
    }

    public void Roll()
    {
        for (var b = 0; b < Tickets.Length; b++)
        {
            Tickets[b] *= NightlyDecay.Factor;
            LogRatioSum[b] *= NightlyDecay.Factor;
        }
    }
}
