namespace Ioc.Simulator.Model;

/// <summary>
/// How arrivals spread over a day: weighted spans of minutes after midnight (Hanoi time). Sampling
/// is exact: a span gets a share of the arrivals proportional to its length × weight.
/// </summary>
internal sealed class ArrivalProfile
{
    private readonly (int From, int To, double Weight)[] _spans;
    private readonly double _total;

    public ArrivalProfile(params (int From, int To, double Weight)[] spans)
    {
        _spans = spans;
        foreach (var s in spans) _total += (s.To - s.From) * s.Weight;
    }

    /// <summary>
    /// Citizens at the one-stop desks: a queue forms from 07:30, before the 08:00 opening (and from
    /// 12:45 for the afternoon), peaks from 09:00 to 10:00 and from 14:00 to 15:00; numbers stop at
    /// 11:30 and 16:30 so that desks finish the session.
    /// </summary>
    public static ArrivalProfile Tickets { get; } = new(
        (450, 465, 1.3), (465, 480, 2.0), (480, 510, 1.7), (510, 540, 1.5), (540, 600, 2.1), (600, 630, 1.7),
        (630, 660, 1.2), (660, 690, 0.7), (765, 780, 0.8), (780, 810, 1.2), (810, 840, 1.4), (840, 900, 1.9),
        (900, 930, 1.4), (930, 960, 1.0), (960, 990, 0.6));

    /// <summary>A Monday morning after a weekend: the extra citizens come early, most before 10:00.</summary>
    public static ArrivalProfile SurgeTickets { get; } = new(
        (465, 480, 1.6), (480, 540, 2.0), (540, 600, 1.7), (600, 630, 1.0), (630, 660, 0.5));

    public static ArrivalProfile InPersonDossiers { get; } = new(
        (480, 540, 1.0), (540, 600, 1.6), (600, 705, 1.2), (780, 840, 1.2), (840, 900, 1.5), (900, 1005, 1.0));

    public static ArrivalProfile PostalDossiers { get; } = new((480, 705, 1.0), (780, 1005, 1.0));

    /// <summary>Online dossiers come round the clock, most in office hours and the evening.</summary>
    public static ArrivalProfile OnlineDossiers { get; } = Hourly(
        0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.5, 0.9, 1.5, 1.7, 1.7, 1.5, 1.0, 1.3, 1.6, 1.6, 1.4, 1.1, 0.9, 0.9, 0.9, 0.7, 0.5, 0.3);

    /// <summary>Ratings given later in the iHanoi app: the evening, up to midnight.</summary>
    public static ArrivalProfile AppRatings { get; } = new(
        (1050, 1140, 0.6), (1140, 1260, 1.4), (1260, 1380, 1.0), (1380, 1440, 0.5));

    /// <summary>Arrivals per minute in the busiest span, for <paramref name="countPerDay"/> arrivals over the profile.</summary>
    public double PeakRatePerMinute(double countPerDay)
    {
        var max = 0.0;
        foreach (var s in _spans) max = Math.Max(max, s.Weight);
        return countPerDay * max / _total;
    }

    public DateTimeOffset Sample(DateOnly day, Rng rng)
    {
        var r = rng.NextDouble() * _total;
        foreach (var s in _spans)
        {
            var mass = (s.To - s.From) * s.Weight;
            if (r < mass) return WorkCalendar.At(day, TimeSpan.FromMinutes(s.From + r / s.Weight));
            r -= mass;
        }
        return WorkCalendar.At(day, TimeSpan.FromMinutes(_spans[^1].To - 0.01));
    }

    /// <summary>Sampled after <paramref name="notBefore"/> (same day); the start of the profile if it is over.</summary>
    public DateTimeOffset SampleAfter(DateOnly day, DateTimeOffset notBefore, Rng rng)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var t = Sample(day, rng);
            if (t > notBefore) return t;
        }
        var end = WorkCalendar.At(day, TimeSpan.FromMinutes(_spans[^1].To - 0.01));
        return notBefore < end ? notBefore + (end - notBefore) * rng.NextDouble() : end;
    }

    private static ArrivalProfile Hourly(params double[] weights) =>
        new(weights.Select((w, h) => (h * 60, h * 60 + 60, w)).ToArray());
}
