using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>Working days (Monday–Friday) and office hours (8:00–12:00, 13:00–17:00) in Hanoi time.</summary>
public static class WorkCalendar
{
    public static readonly TimeSpan MorningStart = TimeSpan.FromHours(8);
    public static readonly TimeSpan MorningEnd = TimeSpan.FromHours(12);
    public static readonly TimeSpan AfternoonStart = TimeSpan.FromHours(13);
    public static readonly TimeSpan AfternoonEnd = TimeSpan.FromHours(17);

    public static bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    /// <summary>The instant of a local time of day on a Hanoi calendar day.</summary>
    public static DateTimeOffset At(DateOnly day, TimeSpan timeOfDay) => HanoiTime.StartOf(day) + timeOfDay;

    public static TimeSpan TimeOfDay(DateTimeOffset t) => HanoiTime.ToLocal(t).TimeOfDay;

    public static DateOnly NextWorkingDay(DateOnly day)
    {
        do { day = day.AddDays(1); } while (!IsWorkingDay(day));
        return day;
    }

    public static DateOnly AddWorkingDays(DateOnly day, int n)
    {
        for (var i = 0; i < n; i++) day = NextWorkingDay(day);
        return day;
    }

    /// <summary>Truncates to whole milliseconds (what RFC 3339 timestamps with .fff carry).</summary>
    public static DateTimeOffset Ms(DateTimeOffset t) =>
        new(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, t.Offset);

    /// <summary>Office-hour minutes in [from, to).</summary>
    public static double WorkingMinutesBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from) return 0;
        double total = 0;
        var day = HanoiTime.DayOf(from);
        var last = HanoiTime.DayOf(to);
        for (; day <= last; day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            total += Overlap(from, to, At(day, MorningStart), At(day, MorningEnd));
            total += Overlap(from, to, At(day, AfternoonStart), At(day, AfternoonEnd));
        }
        return total;
    }

    private static double Overlap(DateTimeOffset a, DateTimeOffset b, DateTimeOffset c, DateTimeOffset d)
    {
        var s = a > c ? a : c;
        var e = b < d ? b : d;
        return e > s ? (e - s).TotalMinutes : 0;
    }

    /// <summary>The instant that lies <paramref name="minutes"/> office-hour minutes after <paramref name="from"/>.</summary>
    public static DateTimeOffset AddWorkingMinutes(DateTimeOffset from, double minutes)
    {
        var day = HanoiTime.DayOf(from);
        var t = from;
        for (var guard = 0; guard < 4000; guard++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            foreach (var (start, end) in new[] { (MorningStart, MorningEnd), (AfternoonStart, AfternoonEnd) })
            {
                var s = At(day, start);
                var e = At(day, end);
                if (e <= t) continue;
                var begin = t > s ? t : s;
                var avail = (e - begin).TotalMinutes;
                if (minutes <= avail) return begin + TimeSpan.FromMinutes(minutes);
                minutes -= avail;
            }
        }
        throw new InvalidOperationException("Working-time addition did not converge.");
    }
}
