using System.Collections.Frozen;
using System.Globalization;
using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// The wall's words in Vietnamese (the default) and English. The language is chosen by the
/// <see cref="Cookie"/> cookie, set by <c>/account/lang/{lang}</c>. Times are always shown in
/// Asia/Ho_Chi_Minh.
/// </summary>
public sealed class WallText
{
    public const string Cookie = "ioc.lang";
    public const string Vietnamese = "vi";
    public const string English = "en";

    public static readonly WallText Vi = new(Vietnamese);
    public static readonly WallText En = new(English);

    private readonly int _column;

    private WallText(string lang)
    {
        Lang = lang;
        _column = lang == English ? 1 : 0;
        Culture = CultureOrInvariant(lang == English ? "en-GB" : "vi-VN");
    }

    public string Lang { get; }

    public bool IsEnglish => _column == 1;

    public CultureInfo Culture { get; }

    /// <summary>Any value other than "en" is Vietnamese.</summary>
    public static string LangOf(string? value) => string.Equals(value, English, StringComparison.OrdinalIgnoreCase) ? English : Vietnamese;

    public static WallText For(string? lang) => LangOf(lang) == English ? En : Vi;

    public string this[string key] => Table.TryGetValue(key, out var pair) ? pair[_column] : key;

    public static bool Has(string key) => Table.ContainsKey(key);

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    // ---- numbers and times -------------------------------------------------------------------

    public string Number(double? value, string format = "N0") => value is { } v ? v.ToString(format, Culture) : "–";

    public string Count(int value) => value.ToString("N0", Culture);

    /// <summary>"12 phút", "1 giờ 05 phút", "40 giây".</summary>
    public string Duration(double? seconds)
    {
        if (seconds is not { } s || double.IsNaN(s)) return "–";
        s = Math.Max(0, s);
        if (s < 60) return string.Format(Culture, this["unit.seconds"], Math.Round(s));
        var minutes = (int)Math.Round(s / 60);
        if (minutes < 60) return string.Format(Culture, this["unit.minutes"], minutes);
        var hours = minutes / 60;
        if (hours < 48) return string.Format(Culture, this["unit.hoursMinutes"], hours, minutes % 60);
        return string.Format(Culture, this["unit.days"], Math.Round(s / 86400, 1));
    }

    public string Share(double? share, string format = "0") => share is { } v ? (v * 100).ToString(format, Culture) + "%" : "–";

    public string Score(double? score) => score is { } v ? v.ToString("0.0", Culture) + "/5" : "–";

    /// <summary>Clock time in Hanoi, "HH:mm" (with the date when it is not the reference day).</summary>
    public string Time(DateTimeOffset? at, DateTimeOffset? today = null)
    {
        if (at is not { } t) return "–";
        var local = HanoiTime.ToLocal(t);
        if (today is { } ref0 && HanoiTime.DayOf(ref0) != HanoiTime.DayOf(t))
            return local.ToString("dd/MM HH:mm", CultureInfo.InvariantCulture);
        return local.ToString("HH:mm", CultureInfo.InvariantCulture);
    }

    public string ClockTime(DateTimeOffset at) => HanoiTime.ToLocal(at).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public string Date(DateTimeOffset at)
    {
        var local = HanoiTime.ToLocal(at);
        var day = this["day." + local.DayOfWeek.ToString().ToLowerInvariant()];
        return $"{day}, {local.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
    }

    // ---- domain words ------------------------------------------------------------------------

    public string Service(string code) => IsEnglish ? ServiceCodes.EnglishName(code) : ServiceCodes.VietnameseName(code);

    public string Status(string status) => this["status." + status];

    public string Severity(string severity) => this["severity." + severity];

    public string AlertState(string state) => this["state." + state];

    public string AlertKind(string kind) => this["kind." + kind];

    public string RobotMode(string? mode) => mode is null ? "–" : Has("mode." + mode) ? this["mode." + mode] : mode;

    public string CounterStatus(string status) => Has("counter." + status) ? this["counter." + status] : status;

    public string UnitType(string type) => this["type." + type];

    public string AlertTitle(Alert alert) => AlertText.Title(alert, IsEnglish);

    private static CultureInfo CultureOrInvariant(string name)
    {
        try { return CultureInfo.GetCultureInfo(name); }
        catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; }
    }

    private static readonly FrozenDictionary<string, string[]> Table = WallWords.Table
        .Concat(RegionWords.Table).Concat(AlertWorkWords.All()).Concat(ReplayWords.Table)
        .ToFrozenDictionary(x => x.Key, x => x.Value, StringComparer.Ordinal);
}
