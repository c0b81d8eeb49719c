using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>A staffing advice in Vietnamese or English, from its kind, desk, service codes and numbers.</summary>
public static class AdviceText
{
    /// <summary>"Mở quầy 5 cho Hộ tịch đến 10:30", "Chuyển quầy 3 từ Đất đai sang Chứng thực trong 1 giờ tới (đến 10:30)".</summary>
    public static string Move(StaffingAdvice a, WallText t)
    {
        var until = t.Time(a.Until);
        var to = Services(a.Serves, t);
        if (a.Kind == AdviceKinds.OpenDesk)
        {
            // A desk opened for what it always serves needs no "for ...".
            var own = a.Serves.SequenceEqual(a.ServesNow);
            return (t.IsEnglish, own) switch
            {
                (false, true) => $"Mở quầy {a.Desk} đến {until}",
                (false, false) => $"Mở quầy {a.Desk} cho {to} đến {until}",
                (true, true) => $"Open desk {a.Desk} until {until}",
                (true, false) => $"Open desk {a.Desk} for {to} until {until}",
            };
        }
        var from = Services(a.ServesNow, t);
        return t.IsEnglish
            ? $"Move desk {a.Desk} from {from} to {to} for the next hour (until {until})"
            : $"Chuyển quầy {a.Desk} từ {from} sang {to} trong 1 giờ tới (đến {until})";
    }

    /// <summary>What the move is expected to save, for whom.</summary>
    public static string Gain(StaffingAdvice a, WallText t)
    {
        var (mean, meanAfter) = (t.Duration(a.MeanWaitSecondsWithout), t.Duration(a.MeanWaitSecondsWith));
        var (worst, worstAfter) = (t.Duration(a.LongestWaitSecondsWithout), t.Duration(a.LongestWaitSecondsWith));
        var saved = t.Duration(a.SavedSeconds);
        var people = t.Number(a.Citizens);
        return t.IsEnglish
            ? $"Expected mean wait {mean} → {meanAfter}, longest {worst} → {worstAfter}: {saved} of waiting saved for {people} citizens (waiting now and coming in the next hour)"
            : $"Dự kiến chờ trung bình {mean} → {meanAfter}, lâu nhất {worst} → {worstAfter}: bớt {saved} chờ cho {people} người (đang chờ và sẽ đến trong 1 giờ tới)";
    }

    public static string AcceptedBy(AcceptedAdvice a, WallText t) =>
        t.IsEnglish ? $"Accepted by {a.AcceptedBy} at {t.Time(a.AcceptedAt)}" : $"Đã chấp nhận bởi {a.AcceptedBy} lúc {t.Time(a.AcceptedAt)}";

    public static string None(WallText t) => t.IsEnglish ? "No move would shorten the waits now." : "Hiện không có điều chỉnh nào giúp giảm thời gian chờ.";

    public static string Accept(WallText t) => t.IsEnglish ? "Accept" : "Chấp nhận";

    public static string AcceptedToday(WallText t) => t.IsEnglish ? "Accepted today" : "Đã chấp nhận hôm nay";

    private static string Services(IReadOnlyCollection<string> codes, WallText t) =>
        codes.Count == 0 ? (t.IsEnglish ? "every service" : "mọi lĩnh vực") : string.Join(", ", codes.Select(t.Service));
}
