namespace Ioc.Dashboard.Wall;

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
