using System.Collections.Frozen;
using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>The numbers a figure is computed from: the same for the city strip and one ward.</summary>
public sealed record FigureInputs(
    int Waiting,
    double? AvgWaitSeconds,
    double? MaxWaitSeconds,
    double? ShareOverTarget,
    int Overdue,
    int DueSoon,
    int InProgress,
    int Received,
    int ResolvedLate,
    int RobotsOnline,
    int RobotsTotal,
    double? Satisfaction,
    int AlertsOpen,
    int CountersOpen,
    int Served,
    int Issued,
    double? EstimateErrorSeconds,
    double? EstimateErrorShare,
    double? EstimateUnderShare,
    double? FiledElsewhereShare = null,
    int TakenInForOthers = 0)
{
    /// <summary>False in a replay: devices' states (desks, robots) are not in the wards' logs, so their figures are unknown.</summary>
    public bool Devices { get; init; } = true;

    /// <summary>The city's figures, as the city feed computed them once from the wards' sums.</summary>
    public static FigureInputs Of(CityTotals t) => new(
        t.Waiting, t.AvgWaitSeconds, t.MaxWaitSeconds, t.ShareOverWaitTarget, t.Overdue, t.DueSoon, t.InProgress,
        t.DossiersReceived, t.DossiersResolvedLate, t.RobotsOnline, t.RobotsTotal, t.Satisfaction, t.AlertsOpen,
        t.CountersOpen, t.TicketsServed, t.TicketsIssued, t.WaitEstimateMaeSeconds, t.WaitEstimateErrorShare, t.WaitEstimatesUnderShare,
        t.ShareFiledElsewhere, t.DossiersTakenInForOthers);

    public static FigureInputs Of(WardSummary w) => new(
        w.Waiting, w.AvgWaitSeconds, w.MaxWaitSeconds,
        w.WaitsMeasured > 0 ? (double)w.WaitsOverTarget / w.WaitsMeasured : null,
        w.Dossiers.Overdue, w.Dossiers.DueSoon, w.Dossiers.InProgress, w.Dossiers.Received, w.Dossiers.ResolvedLate,
        w.RobotsOnline, w.RobotsTotal, w.Satisfaction, w.AlertsOpen, w.CountersOpen, w.TicketsServed, w.TicketsIssued,
        w.WaitEstimateMaeSeconds, w.WaitEstimateErrorShare, w.WaitEstimatesUnderShare,
        w.Dossiers.Received > 0 ? (double)w.Dossiers.ReceivedElsewhere / w.Dossiers.Received : null, w.Dossiers.TakenInForOthers);
}

public enum FigureFormat { Count, Duration, Share, PreciseShare, Score, OnlineOfTotal }

/// <summary>
/// One figure a layout may name: how it is computed, shown and which way is worse. The value
/// compared with a panel's thresholds is <see cref="Value"/> (seconds for waits, a 0–1 share for
/// shares and "robots online", 1–5 for satisfaction).
/// </summary>
public sealed record FigureDef(string Key, FigureFormat Format, bool LowerIsWorse, Func<FigureInputs, double?> Value)
{
    public string Label(WallText t) => t["fig." + Key];

    public string Text(FigureInputs f, WallText t) => Format switch
    {
        FigureFormat.Count => t.Number(Value(f)),
        FigureFormat.Duration => t.Duration(Value(f)),
        FigureFormat.Share => t.Share(Value(f)),
        FigureFormat.PreciseShare => t.Share(Value(f), "0.00"),
        FigureFormat.Score => t.Score(Value(f)),
        FigureFormat.OnlineOfTotal => f.Devices ? $"{t.Count(f.RobotsOnline)}/{t.Count(f.RobotsTotal)}" : "–",
        _ => t.Number(Value(f)),
    };
}

public static class Figures
{
    public static readonly FrozenDictionary<string, FigureDef> All = new FigureDef[]
    {
        new("waiting", FigureFormat.Count, false, f => f.Waiting),
        new("avgWait", FigureFormat.Duration, false, f => f.AvgWaitSeconds),
        new("maxWait", FigureFormat.Duration, false, f => f.MaxWaitSeconds),
        new("overTarget", FigureFormat.Share, false, f => f.ShareOverTarget),
        new("overdue", FigureFormat.Count, false, f => f.Overdue),
        new("dueSoon", FigureFormat.Count, false, f => f.DueSoon),
        new("inProgress", FigureFormat.Count, false, f => f.InProgress),
        new("received", FigureFormat.Count, false, f => f.Received),
        new("resolvedLate", FigureFormat.Count, false, f => f.ResolvedLate),
        new("robots", FigureFormat.OnlineOfTotal, true, f => f.Devices && f.RobotsTotal > 0 ? (double)f.RobotsOnline / f.RobotsTotal : null),
        new("satisfaction", FigureFormat.Score, true, f => f.Satisfaction),
        new("alertsOpen", FigureFormat.Count, false, f => f.AlertsOpen),
        new("countersOpen", FigureFormat.Count, true, f => f.Devices ? f.CountersOpen : null),
        new("served", FigureFormat.Count, false, f => f.Served),
        new("issued", FigureFormat.Count, false, f => f.Issued),
        new("estimateError", FigureFormat.Duration, false, f => f.EstimateErrorSeconds),
        new("estimateErrorShare", FigureFormat.Share, false, f => f.EstimateErrorShare),
        new("estimateUnder", FigureFormat.Share, false, f => f.EstimateUnderShare),
        // Not better or worse: how many citizens file where they live or work rather than where the dossier belongs.
        new("filedElsewhere", FigureFormat.PreciseShare, false, f => f.FiledElsewhereShare),
        new("takenIn", FigureFormat.Count, false, f => f.TakenInForOthers),
    }.ToFrozenDictionary(d => d.Key, StringComparer.Ordinal);

    public static FigureDef Get(string key) =>
        All.TryGetValue(key, out var d) ? d : throw new KeyNotFoundException($"Unknown figure '{key}'.");
}

/// <summary>Levels a value by a panel's thresholds: "ok", "warning", "critical" or "none" (no value, no thresholds).</summary>
public sealed record Threshold(double Warning, double Critical, bool LowerIsWorse)
{
    public const string None = "none";

    public string Level(double? value)
    {
        if (value is not { } v) return None;
        if (LowerIsWorse) return v <= Critical ? "critical" : v <= Warning ? "warning" : "ok";
        return v >= Critical ? "critical" : v >= Warning ? "warning" : "ok";
    }
}
