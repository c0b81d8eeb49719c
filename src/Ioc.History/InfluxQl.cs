using System.Globalization;
using System.Text;

namespace Ioc.History;

/// <summary>
/// Quoting for InfluxQL, so names and values from callers (ward codes, metric names) can never
/// end a literal early and inject another clause or statement.
/// </summary>
public static class InfluxQl
{
    /// <summary>A double-quoted identifier: <c>"my \"db\""</c>.</summary>
    public static string QuoteIdentifier(string identifier)
    {
        ArgumentException.ThrowIfNullOrEmpty(identifier);
        return Quote(identifier, '"');
    }

    /// <summary>A single-quoted string literal: <c>'Phường Hồng Hà'</c>, <c>'it\'s'</c>.</summary>
    public static string QuoteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Quote(value, '\'');
    }

    /// <summary>An RFC 3339 time literal in UTC: <c>'2025-01-31T17:00:00.000Z'</c>.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        "'" + time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'";

    /// <summary>A duration literal with the largest exact unit: <c>1h</c>, <c>90s</c>, <c>250ms</c>, <c>2w</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "An InfluxQL duration must be positive.");
        }

        // Ticks are 100 ns; InfluxQL's smallest unit we use is the microsecond.
        if (duration.Ticks % 10 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "An InfluxQL duration must be a whole number of microseconds.");
        }

        ReadOnlySpan<(long Ticks, string Unit)> units =
        [
            (TimeSpan.TicksPerDay * 7, "w"),
            (TimeSpan.TicksPerDay, "d"),
            (TimeSpan.TicksPerHour, "h"),
            (TimeSpan.TicksPerMinute, "m"),
            (TimeSpan.TicksPerSecond, "s"),
            (TimeSpan.TicksPerMillisecond, "ms"),
            (10, "u"),
        ];
        foreach (var (ticks, unit) in units)
        {
            if (duration.Ticks % ticks == 0)
            {
                return (duration.Ticks / ticks).ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        throw new InvalidOperationException("unreachable: every whole microsecond count has a unit");
    }

    private static string Quote(string value, char quote)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\':
                    sb.Append(@"\\");
                    break;
                case '\n':
                    // A raw newline ends a literal with "bad string"; \n is InfluxQL's escape for it.
                    sb.Append(@"\n");
                    break;
                case '\'' or '"' when c == quote:
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.Append(quote).ToString();
    }
}
