namespace Ioc.Bench.Live;

/// <summary>
/// Where the browser phase watches a ward: Hanoi's wall and its map cell, or, in a region without
/// a map (a province, the country), the ward's province page and its unit tile (the country wall
/// shows provinces, not units). Both carry the frame time in <c>data-frame-at</c> and the ward's
/// figures in a tooltip ("name — status\nĐang chờ: 12 · …").
/// </summary>
public sealed record BrowserScreen(string Path, string Frame, string Cell)
{
    public static BrowserScreen For(string region, string ward)
    {
        if (region == "hanoi") return new("/", "[data-testid=wall]", $"[data-testid=ward-cell][data-code='{ward}']");
        return new($"/provinces/{ProvinceOf(ward)}", "[data-testid=province-page]", $"[data-testid=unit-tile][data-code='{ward}']");
    }

    /// <summary>The ward's province from the country list the center ships (code,name,…,province_code,…).</summary>
    private static string ProvinceOf(string ward)
    {
        var csv = System.IO.Path.Combine(AppContext.BaseDirectory, "vietnam-communes-2025.csv");
        foreach (var line in File.ReadLines(csv).Skip(1))
        {
            var f = line.Split(',');
            if (f[0] == ward) return f[5];
        }
        throw new InvalidOperationException($"Ward {ward} is not in {csv}.");
    }
}
