namespace Ioc.Time;

/// <summary>
/// Asia/Ho_Chi_Minh calendar rules. "Today" everywhere in the center is this zone's day.
/// </summary>
public static class HanoiTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    // Vietnam has kept UTC+7 without daylight saving since 1975; fall back to that when the
    // machine has no tz database.
    public static TimeZoneInfo Zone { get; } = FindZone();

    private static TimeZoneInfo FindZone()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh"); }
        catch (TimeZoneNotFoundException) { }
        catch (InvalidTimeZoneException) { }
        return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", Offset, "Indochina Time", "ICT");
    }

    public static DateTimeOffset ToLocal(DateTimeOffset t) => TimeZoneInfo.ConvertTime(t, Zone);

    public static DateOnly DayOf(DateTimeOffset t) => DateOnly.FromDateTime(ToLocal(t).DateTime);

    /// <summary>Start of the given local day as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));

    public static DateTimeOffset NextMidnight(DateTimeOffset t) => StartOf(DayOf(t).AddDays(1));

    private static readonly (TimeSpan Start, TimeSpan End)[] Sessions =
        [(TimeSpan.FromHours(8), TimeSpan.FromHours(12)), (TimeSpan.FromHours(13), TimeSpan.FromHours(17))];

    /// <summary>Public administrative service points open 8:00–12:00 and 13:00–17:00, Monday to Friday.</summary>
    public static bool IsOfficeHours(DateTimeOffset t)
    {
        var local = ToLocal(t);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return false;
        var tod = local.TimeOfDay;
        foreach (var (start, end) in Sessions)
            if (tod >= start && tod < end) return true;
        return false;
    }

    /// <summary>Outside office hours, the start of the next session when it is less than <paramref name="within"/> away (else null).</summary>
    public static DateTimeOffset? NextSessionWithin(DateTimeOffset t, TimeSpan within)
    {
        var local = ToLocal(t);
        if (local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return null;
        var tod = local.TimeOfDay;
        // Sessions in order of the day: in one is office hours; before one, it is the next.
        foreach (var (start, end) in Sessions)
        {
            if (tod < start) return start - tod <= within ? t + (start - tod) : null;
            if (tod < end) return null;
        }
        return null;
    }
}
