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
