namespace Ioc.Dashboard.Wall;

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
