using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// How many citizens come to the hall per service and hour of day: today's issues counted by the hour
/// they were issued, folded each night into earlier days' (decayed, so recent days weigh most; days
/// with nobody, such as weekends, are left out). What the staffing advisor expects in the next hour is
/// the usual rate for that hour, scaled by how today compares with a usual day so far.
/// </summary>
[GenerateSerializer]
public sealed class ArrivalModel
{
    /// <summary>Pseudo-citizens on both sides of today's pace, so a quiet morning's first hour does not swing it.</summary>
    private const double PacePrior = 10;
    private const double MinPace = 0.5, MaxPace = 2.5;

    /// <summary>Per service: arrivals per hour of day over earlier days (decayed).</summary>
    [Id(0)] public Dictionary<string, double[]> HourCounts { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Earlier days with arrivals (decayed the same way): rate = count ÷ days.</summary>
    [Id(1)] public double Days { get; set; }
    /// <summary>Per service: today's arrivals per hour of day.</summary>
    [Id(2)] public Dictionary<string, double[]> Today { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Counts a ticket the first time its issue is known (whatever order its events came in).</summary>
    public void Learn(TicketTransition t)
    {
        if (t.Before.Issued is not null || t.After.Issued is not { } issued || t.After.Service is not { } service) return;
        if (!Today.TryGetValue(service, out var hours)) Today[service] = hours = new double[24];
        hours[HanoiTime.ToLocal(issued.Ts).Hour]++;
    }

    /// <summary>A night passed: today joins the earlier days.</summary>
    public void Roll()
    {
        if (Today.Count == 0) return;
        foreach (var a in HourCounts.Values)
            for (var h = 0; h < a.Length; h++) a[h] *= NightlyDecay.Factor;
        foreach (var (service, today) in Today)
        {
            if (!HourCounts.TryGetValue(service, out var a)) HourCounts[service] = a = new double[24];
            for (var h = 0; h < a.Length; h++) a[h] += today[h];
        }
        Days = Days * NightlyDecay.Factor + 1;
        Today.Clear();
    }

    /// <summary>Citizens of a service expected per hour at an hour of day on a usual day (null: no earlier day known).</summary>
    public double? UsualRate(string service, int hour) =>
        Days <= 0 ? null : HourCounts.TryGetValue(service, out var a) ? a[hour] / Days : 0;

    /// <summary>Today so far against a usual day up to <paramref name="now"/>: 1.3 means 30 % more citizens than usual.</summary>
    public double Pace(DateTimeOffset now)
    {
        if (Days <= 0) return 1;
        var local = HanoiTime.ToLocal(now).TimeOfDay;
        var hour = (int)local.TotalHours;
        var part = local.TotalHours - hour;
        double today = 0, usual = 0;
        foreach (var (service, counts) in HourCounts)
        {
            for (var h = 0; h < hour; h++) usual += counts[h] / Days;
            usual += part * counts[hour] / Days;
        }
        foreach (var counts in Today.Values)
            for (var h = 0; h <= hour; h++) today += counts[h];
        return Math.Clamp((today + PacePrior) / (usual + PacePrior), MinPace, MaxPace);
    }

    /// <summary>
    /// Citizens of a service expected per second over the next <paramref name="horizon"/>, hour by hour of day
    /// from <paramref name="now"/>: the usual rate times today's pace; with no earlier day, today's last hour.
    /// </summary>
    public Func<double, double> RateFor(string service, DateTimeOffset now)
    {
        var local = HanoiTime.ToLocal(now).TimeOfDay.TotalSeconds;
        if (Days <= 0)
        {
            var hour = (int)(local / 3600);
            var seen = Today.TryGetValue(service, out var t) ? t[hour] + (hour > 0 ? t[hour - 1] : 0) : 0;
            var span = 3600 + local % 3600;
            var rate = seen / span;
            return _ => rate;
        }
        var pace = Pace(now);
        var perHour = new double[24];
        for (var h = 0; h < 24; h++) perHour[h] = (UsualRate(service, h) ?? 0) * pace / 3600;
        return seconds => perHour[(int)((local + seconds) / 3600) % 24];
    }

    /// <summary>The services the ward has seen citizens for, today or earlier.</summary>
    public IEnumerable<string> Services => HourCounts.Keys.Union(Today.Keys, StringComparer.Ordinal);
}
