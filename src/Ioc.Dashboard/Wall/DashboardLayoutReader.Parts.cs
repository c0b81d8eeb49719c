using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ioc.Dashboard.Wall;

/// <summary>The reader's small parsers: thresholds, numbers, grid areas and tracks.</summary>
public static partial class DashboardLayoutReader
{
    private static string? ParseThreshold(JsonElement e, FigureDef def, out Threshold? threshold)
    {
        threshold = null;
        if (e.ValueKind != JsonValueKind.Object) return "must be {\"warning\": number, \"critical\": number}";
        if (!TryNumber(e, "warning", out var warning)) return "\"warning\" must be a number";
        if (!TryNumber(e, "critical", out var critical)) return "\"critical\" must be a number";
        var lowerIsWorse = def.LowerIsWorse;
        if (e.TryGetProperty("direction", out var dir))
        {
            // "above": values at or above the thresholds are bad; "below": at or below.
            switch (dir.ValueKind == JsonValueKind.String ? dir.GetString() : null)
            {
                case "above": lowerIsWorse = false; break;
                case "below": lowerIsWorse = true; break;
                default: return "\"direction\" must be \"above\" or \"below\"";
            }
        }
        foreach (var prop in e.EnumerateObject().Where(x => x.Name is not ("warning" or "critical" or "direction")))
            return $"unknown property \"{prop.Name}\" (known: warning, critical, direction)";
        if (lowerIsWorse ? critical > warning : critical < warning)
            return lowerIsWorse
                ? $"for a figure where lower is worse, \"critical\" ({critical.ToString(CultureInfo.InvariantCulture)}) must not be above \"warning\" ({warning.ToString(CultureInfo.InvariantCulture)})"
                : $"\"critical\" ({critical.ToString(CultureInfo.InvariantCulture)}) must not be below \"warning\" ({warning.ToString(CultureInfo.InvariantCulture)})";
        threshold = new Threshold(warning, critical, lowerIsWorse);
        return null;
    }

    private static bool TryNumber(JsonElement e, string name, out double value)
    {
        value = 0;
        return e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out value) && double.IsFinite(value);
    }

    private static void CheckAreas(ImmutableArray<string> rows, HashSet<string> names, Action<string> fail)
    {
        var grid = rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        if (grid.Any(r => r.Length == 0)) { fail("grid \"areas\" has an empty row"); return; }
        if (grid.Select(r => r.Length).Distinct().Count() > 1) { fail("every row of grid \"areas\" must have the same number of cells"); return; }
        var cells = new Dictionary<string, List<(int Row, int Col)>>(StringComparer.Ordinal);
        for (var r = 0; r < grid.Length; r++)
            for (var c = 0; c < grid[r].Length; c++)
            {
                var n = grid[r][c];
                if (n == ".") continue;
                if (!NamePattern().IsMatch(n)) { fail($"grid area name '{n}' must be lower-case letters, digits and '-'"); continue; }
                (cells.TryGetValue(n, out var l) ? l : cells[n] = []).Add((r, c));
            }
        foreach (var (name, list) in cells)
        {
            int r0 = list.Min(x => x.Row), r1 = list.Max(x => x.Row), c0 = list.Min(x => x.Col), c1 = list.Max(x => x.Col);
            if ((r1 - r0 + 1) * (c1 - c0 + 1) != list.Count) fail($"grid area '{name}' is not a rectangle");
            names.Add(name);
        }
    }

    /// <summary>Top-level track sizes of a CSS track list ("minmax(0, 2fr) 1fr" is two).</summary>
    private static List<string> SplitTracks(string tracks)
    {
        var result = new List<string>();
        var depth = 0;
        var current = new System.Text.StringBuilder();
        foreach (var ch in tracks)
        {
            if (ch == '(') depth++;
            if (ch == ')') depth--;
            if (ch == ' ' && depth == 0)
            {
                if (current.Length > 0) result.Add(current.ToString());
                current.Clear();
            }
            else current.Append(ch);
        }
        if (current.Length > 0) result.Add(current.ToString());
        return result;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
