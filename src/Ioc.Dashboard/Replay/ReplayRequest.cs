using System.Globalization;
using Ioc.Ingest.Http;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// A replay as a page's or the API's query asks for it: which past day, how fast, where the clock starts.
/// Checked field by field; a day must be one the wards' logs still keep, and not today (still being written).
/// </summary>
public sealed record ReplayRequest(DateOnly Day, int Speed, TimeSpan? From)
{
    /// <summary>The speeds the pages offer (any whole speed up to <see cref="MaxSpeed"/> is accepted).</summary>
    public static readonly IReadOnlyList<int> Speeds = [1, 10, 60, 360];
    public const int DefaultSpeed = 60;
    public const int MaxSpeed = 3600;

    /// <summary>The query that asks for this replay again (without its start: a page continues its clock).</summary>
    public string Query => $"day={Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}&speed={Speed}";

    public static ReplayRequest? Parse(string? day, string? speed, string? from, DateOnly today, int keepDays, List<FieldError> errors)
    {
        var d = ParseDay(day, today, keepDays, errors);
        var s = ParseSpeed(speed, errors);
        var f = TimeOfDay("from", from, errors);
        return d is { } dd && s is { } ss && errors.Count == 0 ? new ReplayRequest(dd, ss, f) : null;
    }

    /// <summary>The first and the last day a replay can show: as many days back as the logs keep, up to yesterday.</summary>
    public static (DateOnly First, DateOnly Last) Offered(DateOnly today, int keepDays) => (today.AddDays(-keepDays), today.AddDays(-1));

    public static DateOnly? ParseDay(string? value, DateOnly today, int keepDays, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(-1, "day", "is required: a past day yyyy-MM-dd"));
            return null;
        }
        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(new FieldError(-1, "day", $"must be a date yyyy-MM-dd, not '{value}'"));
            return null;
        }
        var (first, last) = Offered(today, keepDays);
        if (day > last) errors.Add(new FieldError(-1, "day", $"must be a past day (today, {Text(today)}, is still being written)"));
        else if (day < first) errors.Add(new FieldError(-1, "day", $"must be one of the last {keepDays} days the wards' logs keep (from {Text(first)})"));
        else return day;
        return null;
    }

    public static int? ParseSpeed(string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return DefaultSpeed;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var speed) && speed is >= 1 and <= MaxSpeed) return speed;
        errors.Add(new FieldError(-1, "speed", $"must be a whole number from 1 to {MaxSpeed} (times real time), not '{value}'"));
        return null;
    }

    /// <summary>A time of the day, <c>HH:mm</c> or <c>HH:mm:ss</c>, from 00:00 to 24:00 (the day's end); null when not given.</summary>
    public static TimeSpan? TimeOfDay(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (v is "24:00" or "24:00:00") return TimeSpan.FromHours(24);
        if (TimeOnly.TryParseExact(v, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return t.ToTimeSpan();
        errors.Add(new FieldError(-1, field, $"must be a time of the day HH:mm or HH:mm:ss, 00:00 to 24:00, not '{value}'"));
        return null;
    }

    private static string Text(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
