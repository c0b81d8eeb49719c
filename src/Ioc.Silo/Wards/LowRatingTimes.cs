namespace Ioc.Silo.Wards;

/// <summary>
/// When low ratings were given at each desk, for today and tomorrow (a rating just before midnight):
/// a set of times kept in order, so the desk run rule reads the same whatever order they arrived in.
/// </summary>
[GenerateSerializer]
public sealed class LowRatingTimes
{
    [Id(0)] public Dictionary<DateOnly, Dictionary<string, List<DateTimeOffset>>> Days { get; init; } = [];

    public void Add(DateOnly day, string desk, DateTimeOffset ts)
    {
        if (!Days.TryGetValue(day, out var desks)) Days[day] = desks = new(StringComparer.Ordinal);
        if (!desks.TryGetValue(desk, out var times)) desks[desk] = times = [];
        var at = times.BinarySearch(ts);
        times.Insert(at < 0 ? ~at : at, ts);
    }

    /// <summary>The most low ratings at the desk within any window of the given length that holds <paramref name="ts"/>.</summary>
    public int MostWithin(DateOnly day, string desk, DateTimeOffset ts, TimeSpan window)
    {
        if (!Days.TryGetValue(day, out var desks) || !desks.TryGetValue(desk, out var times)) return 0;
        var most = 0;
        // A window holding ts starts at one of the ratings from ts - window to ts.
        foreach (var start in times.Where(t => t <= ts && ts - t <= window))
            most = Math.Max(most, times.Count(t => t >= start && t - start <= window));
        return most;
    }

    /// <summary>Days before today are forgotten: the rule is about today.</summary>
    public void Prune(DateOnly today)
    {
        foreach (var old in Days.Keys.Where(d => d < today).ToList()) Days.Remove(old);
    }
}
