using System.Collections.Frozen;

namespace Ioc.Dashboard.Wall;

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
