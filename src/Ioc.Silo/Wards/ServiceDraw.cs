namespace Ioc.Silo.Wards;

/// <summary>
/// One drawn future of a desk, from what the ward learned: a service time (lognormal with the service's
/// learned spread and the desk's pace, given how long it has lasted already), and how long a paused desk
/// stays away. Given the uniform draw <c>u</c>, so two plays of the hall can share the same futures.
/// </summary>
public static class ServiceDraw
{
    public static readonly TimeSpan UsualPause = TimeSpan.FromMinutes(10);

    /// <summary>A service time of at least <paramref name="elapsed"/> seconds (lognormal given it has lasted that long), minus it.</summary>
    public static double Seconds(ServiceTimeModel model, string service, string desk, int hour, double elapsed, double u)
    {
        var sigma = model.LogSigma(service);
        return Seconds(Mu(model, service, desk, hour, sigma), sigma, elapsed, u);
    }

    /// <summary>The lognormal's μ for a service at a desk and hour: its mean is the learned mean time.</summary>
    public static double Mu(ServiceTimeModel model, string service, string desk, int hour, double sigma) =>
        Math.Log(model.MeanSeconds(service, hour) * model.DeskFactor(desk)) - sigma * sigma / 2;

    /// <summary>The same draw from a lognormal already known by <paramref name="mu"/> and <paramref name="sigma"/>.</summary>
    public static double Seconds(double mu, double sigma, double elapsed, double u) =>
        SecondsAbove(mu, sigma, elapsed, Below(mu, sigma, elapsed), u);

    /// <summary>The share of the lognormal below <paramref name="elapsed"/>: the same for every draw of one service under way.</summary>
    public static double Below(double mu, double sigma, double elapsed) =>
        elapsed > 0 ? Normal.Cdf((Math.Log(elapsed) - mu) / sigma) : 0;

    /// <summary>The draw of <see cref="Seconds(double, double, double, double)"/>, given its <see cref="Below"/> already.</summary>
    public static double SecondsAbove(double mu, double sigma, double elapsed, double below, double u)
    {
        var p = below + (1 - below) * u;
        return Math.Max(0, Math.Exp(mu + sigma * Normal.Quantile(p)) - elapsed);
    }

    /// <summary>Seconds until a paused desk calls again: what is left of a usual pause (at least a minute), spread by <paramref name="u"/>.</summary>
    public static double PauseLeft(DeskNow desk, DateTimeOffset now, double u)
    {
        var paused = desk.StatusSince is { } since ? (now - since).TotalSeconds : 0;
        var left = Math.Max(60, UsualPause.TotalSeconds - paused);
        return left * (0.5 + u);
    }
}
