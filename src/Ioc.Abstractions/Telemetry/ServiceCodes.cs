using System.Collections.Frozen;

namespace Ioc.Telemetry;

/// <summary>Ward-level service codes of telemetry v1. Unknown codes are rejected.</summary>
public static class ServiceCodes
{
    public const string ChungThuc = "chung-thuc";
    public const string HoTich = "ho-tich";
    public const string DatDai = "dat-dai";
    public const string XayDung = "xay-dung";
    public const string KinhDoanh = "kinh-doanh";
    public const string XaHoi = "xa-hoi";
    public const string Khac = "khac";

    public static readonly IReadOnlyList<string> All = [ChungThuc, HoTich, DatDai, XayDung, KinhDoanh, XaHoi, Khac];

    private static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    public static string VietnameseName(string code) => code switch
    {
        ChungThuc => "Chứng thực",
        HoTich => "Hộ tịch",
        DatDai => "Đất đai",
        XayDung => "Xây dựng",
        KinhDoanh => "Hộ kinh doanh",
        XaHoi => "Lao động – xã hội",
        _ => "Khác",
    };

    public static string EnglishName(string code) => code switch
    {
        ChungThuc => "Certification",
        HoTich => "Civil status",
        DatDai => "Land",
        XayDung => "Construction",
        KinhDoanh => "Household business",
        XaHoi => "Labour and social welfare",
        _ => "Other",
    };
}

/// <summary>Event types of telemetry v1.</summary>
public static class EventTypes
{
    public const string RobotState = "robot.state";
    public const string CounterState = "counter.state";
    public const string TicketIssued = "ticket.issued";
    public const string TicketCalled = "ticket.called";
    public const string TicketServed = "ticket.served";
    public const string TicketNoShow = "ticket.noshow";
    public const string RatingSubmitted = "rating.submitted";
    public const string DossierReceived = "dossier.received";
    public const string DossierPaused = "dossier.paused";
    public const string DossierResumed = "dossier.resumed";
    public const string DossierResolved = "dossier.resolved";

    public static readonly IReadOnlyList<string> All =
    [
        RobotState, CounterState, TicketIssued, TicketCalled, TicketServed, TicketNoShow,
        RatingSubmitted, DossierReceived, DossierPaused, DossierResumed, DossierResolved,
    ];

    public static bool IsState(string type) => type is RobotState or CounterState;
}

public static class DeviceKinds
{
    public const string Robot = "robot";
    public const string Counter = "counter";
    public const string Kiosk = "kiosk";
    public const string DossierSystem = "dossier-system";

    public static readonly IReadOnlyList<string> All = [Robot, Counter, Kiosk, DossierSystem];
}

public static class RobotModes
{
    public static readonly IReadOnlyList<string> All = ["idle", "guiding", "delivering", "charging", "docked", "error", "emergency"];
}

public static class CounterStatuses
{
    public const string Open = "open";
    public const string Paused = "paused";
    public const string Closed = "closed";
    public static readonly IReadOnlyList<string> All = [Open, Paused, Closed];
}

public static class TicketChannels
{
    public static readonly IReadOnlyList<string> All = ["robot", "kiosk", "counter", "online"];
}

public static class DossierChannels
{
    public static readonly IReadOnlyList<string> All = ["online", "in_person", "postal"];
}
