using System.Globalization;
using Ioc.Grains;
using Ioc.Time;

namespace Ioc.Dashboard.Wall;

/// <summary>An alert's title in Vietnamese or English, from its kind, subject and facts.</summary>
public static class AlertText
{
    public static string Title(Alert a, bool english)
    {
        var s = a.Subject ?? "";
        var n = a.Figure is { } f ? f.ToString("0", CultureInfo.InvariantCulture) : "";
        var detail = string.IsNullOrWhiteSpace(a.Detail) ? "" : $": {a.Detail}";
        var due = a.DueAt is { } d ? HanoiTime.ToLocal(d).ToString("dd/MM HH:mm", CultureInfo.InvariantCulture) : "";
        var emergency = a.Kind == AlertKinds.RobotError && a.Severity == AlertSeverities.Critical;
        return (a.Kind, english) switch
        {
            (AlertKinds.DossierOverdue, false) => $"Hồ sơ {s} quá hạn{Paren(a.Detail)}, hạn {due}",
            (AlertKinds.DossierOverdue, true) => $"Dossier {s} overdue{Paren(a.Detail)}, due {due}",
            (AlertKinds.DossierDueSoon, false) => $"{n} hồ sơ sắp đến hạn",
            (AlertKinds.DossierDueSoon, true) => $"{n} dossier(s) due soon",
            (AlertKinds.QueueLong, false) => $"Hàng chờ dài: từ {n} người đang chờ",
            (AlertKinds.QueueLong, true) => $"Long queue: {n} or more waiting",
            (AlertKinds.WaitLong, false) => $"Có người chờ quá {n} phút",
            (AlertKinds.WaitLong, true) => $"Someone has waited over {n} minutes",
            (AlertKinds.RobotOffline, false) => $"Robot {s} mất kết nối",
            (AlertKinds.RobotOffline, true) => $"Robot {s} offline",
            (AlertKinds.RobotBatteryLow, false) => $"Robot {s} sắp hết pin (dưới {n}%)",
            (AlertKinds.RobotBatteryLow, true) => $"Robot {s} battery low (under {n}%)",
            (AlertKinds.RobotError, false) => emergency ? $"Robot {s} dừng khẩn cấp{detail}" : $"Robot {s} báo lỗi{detail}",
            (AlertKinds.RobotError, true) => emergency ? $"Robot {s} emergency stop{detail}" : $"Robot {s} error{detail}",
            (AlertKinds.CounterOffline, false) => $"Quầy {s} mất kết nối",
            (AlertKinds.CounterOffline, true) => $"Desk {s} offline",
            (AlertKinds.WardStale, false) => $"Không nhận dữ liệu trong {n} phút",
            (AlertKinds.WardStale, true) => $"No data for {n} minutes",
            (AlertKinds.RatingLow, false) => $"Đánh giá {n} sao{Part(" tại quầy ", a.Subject)}{Part(", vé ", a.Ticket)}",
            (AlertKinds.RatingLow, true) => $"{n}-star rating{Part(" at desk ", a.Subject)}{Part(", ticket ", a.Ticket)}",
            (AlertKinds.RatingLowRun, false) => $"Quầy {s}: {n} đánh giá 1–{RatingAlertRule.LowScore} sao trong {RatingAlertRule.RunMinutes} phút",
            (AlertKinds.RatingLowRun, true) => $"Desk {s}: {n} ratings of 1–{RatingAlertRule.LowScore} stars within {RatingAlertRule.RunMinutes} minutes",
            _ => s.Length > 0 ? $"{a.Kind}: {s}" : a.Kind,
        };
    }

    private static string Part(string lead, string? value) => string.IsNullOrWhiteSpace(value) ? "" : lead + value;

    private static string Paren(string? text) => string.IsNullOrWhiteSpace(text) ? "" : $" ({text})";
}
