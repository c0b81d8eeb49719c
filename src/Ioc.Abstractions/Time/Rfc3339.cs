namespace Ioc.Time;

/// <summary>
/// RFC 3339 <c>date-time</c> exactly: <c>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)</c>, nothing
/// else (no spaces, no missing offset, no week dates). Read by hand rather than with
/// <see cref="DateTimeOffset.TryParse(string?, out DateTimeOffset)"/>, which is lenient on purpose.
/// </summary>
public static class Rfc3339
{
    /// <summary>The years a time of the center may fall in; anything outside is a device's clock gone wrong.</summary>
    public const int FirstYear = 2000, LastYear = 2099;

    public static bool TryParse(string? s, out DateTimeOffset value)
    {
        value = default;
        if (s is null || s.Length < 20 || s.Length > 40) return false;
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-'
            || !Digits(s, 8, 2, out var day) || s[10] is not ('T' or 't')
            || !Digits(s, 11, 2, out var hour) || s[13] != ':' || !Digits(s, 14, 2, out var minute) || s[16] != ':'
            || !Digits(s, 17, 2, out var second))
            return false;
        var i = 19;
        long ticks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start) return false;
            // Ticks are 100 ns: the first seven digits count, the rest are finer than a clock can be.
            for (var k = 0; k < 7; k++) ticks = ticks * 10 + (start + k < i ? s[start + k] - '0' : 0);
        }
        if (i >= s.Length) return false;
        TimeSpan offset;
        if (s[i] is 'Z' or 'z')
        {
            if (i + 1 != s.Length) return false;
            offset = TimeSpan.Zero;
        }
        else if (s[i] is '+' or '-')
        {
            if (i + 6 != s.Length || !Digits(s, i + 1, 2, out var oh) || s[i + 3] != ':' || !Digits(s, i + 4, 2, out var om)) return false;
            if (oh > 14 || om > 59 || (oh == 14 && om > 0)) return false;
            offset = new TimeSpan(oh, om, 0);
            if (s[i] == '-') offset = -offset;
        }
        else return false;

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
        // Near year 1 or 9999 an offset can push the instant off the calendar.
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks) return false;
        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>Within <see cref="FirstYear"/> to <see cref="LastYear"/> (UTC).</summary>
    public static bool IsPlausible(DateTimeOffset t) => t.UtcDateTime.Year is >= FirstYear and <= LastYear;

    private static bool Digits(string s, int at, int count, out int value)
    {
        value = 0;
        for (var k = at; k < at + count; k++)
        {
            if (!char.IsAsciiDigit(s[k])) return false;
            value = value * 10 + (s[k] - '0');
        }
        return true;
    }
}
