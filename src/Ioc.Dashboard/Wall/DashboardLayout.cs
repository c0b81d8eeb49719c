using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ioc.Dashboard.Wall;

/// <summary>A panel's place and content, as a dashboards/*.json file gives it.</summary>
public sealed record PanelSpec(
    string Id,
    string Kind,
    string Area,
    string? TitleVi,
    string? TitleEn,
    ImmutableArray<string> Figures,
    ImmutableDictionary<string, Threshold> Thresholds,
    int Count,
    string ColorBy,
    int MaxPoints)
{
    public string Title(WallText t) => (t.IsEnglish ? TitleEn : TitleVi) ?? TitleVi ?? TitleEn ?? t["panel." + Kind];

    /// <summary>The panel's threshold for a figure, or null when it colours nothing.</summary>
    public Threshold? ThresholdFor(string figure) => Thresholds.TryGetValue(figure, out var th) ? th : null;

    public string Level(string figure, FigureInputs f) =>
        ThresholdFor(figure) is { } th ? th.Level(Wall.Figures.Get(figure).Value(f)) : Threshold.None;
}

/// <summary>A whole screen: a CSS grid and the panels placed in its named areas.</summary>
public sealed record DashboardLayout(
    string Name,
    string File,
    string Columns,
    string Rows,
    ImmutableArray<string> Areas,
    ImmutableArray<PanelSpec> Panels)
{
    public PanelSpec? Panel(string kind) => Panels.FirstOrDefault(p => p.Kind == kind);

    public string GridStyle =>
        $"grid-template-columns:{Columns};grid-template-rows:{Rows};grid-template-areas:{string.Join(' ', Areas.Select(a => $"\"{a}\""))};";
}

/// <summary>A layout file that cannot be used; the message names the file, the panel and the problem.</summary>
public sealed class DashboardLayoutException(string message) : Exception(message);

/// <summary>Reads and checks one layout file (<c>dashboards/wall.json</c> or <c>dashboards/ward.json</c>).</summary>
public static partial class DashboardLayoutReader
{
    public static readonly FrozenSet<string> WallKinds = new[]
    {
        "city-strip", "map", "urban-inset", "worst-wards", "alert-feed", "city-queue-chart", "wait-distribution", "unit-details",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> WardKinds = new[]
    {
        "ward-strip", "counters", "queues", "hall", "dossiers", "ward-alerts", "ward-wait-distribution", "ward-queue-chart", "ward-history",
        "staffing",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> FigureKinds = new[] { "city-strip", "ward-strip", "worst-wards", "unit-details" }.ToFrozenSet();
    /// <summary>Panels that may name figures: a map shows them on its tiles where the region has no boundaries.</summary>
    private static readonly FrozenSet<string> OptionalFigureKinds = new[] { "map" }.ToFrozenSet();
    private static readonly FrozenSet<string> ColorKinds = new[] { "map", "urban-inset" }.ToFrozenSet();
    private static readonly FrozenDictionary<string, (int Min, int Max, int Default)> CountKinds = new Dictionary<string, (int, int, int)>
    {
        ["worst-wards"] = (1, 30, 6),
        ["alert-feed"] = (1, 100, 14),
        ["ward-alerts"] = (1, 200, 40),
        ["dossiers"] = (1, 200, 30),
    }.ToFrozenDictionary();

    /// <summary>Charts that keep a bounded line: their default number of points (a day of minutes; a day of 5-minute steps).</summary>
    private static readonly FrozenDictionary<string, int> PointKinds = new Dictionary<string, int>
    {
        ["city-queue-chart"] = 1440,
        ["ward-history"] = 288,
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> PanelProperties =
        new[] { "id", "kind", "area", "title", "figures", "thresholds", "count", "colorBy", "maxPoints" }.ToFrozenSet();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    /// <summary>Grid track sizes go into a style attribute: only what CSS track lists need.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9 .,()%+\-]{1,300}$")]
    private static partial Regex TrackPattern();

    public static DashboardLayout Read(string file, string expectedName)
    {
        string json;
        try { json = System.IO.File.ReadAllText(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DashboardLayoutException($"Dashboard layout '{file}': cannot be read: {e.Message}");
        }
        return Parse(json, file, expectedName);
    }

    public static DashboardLayout Parse(string json, string file, string expectedName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new DashboardLayoutException($"Dashboard layout '{file}': is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (doc)
        {
            var errors = new List<string>();
            var layout = Check(doc.RootElement, file, expectedName, errors);
            if (errors.Count > 0 || layout is null)
                throw new DashboardLayoutException(string.Join(Environment.NewLine, errors));
            return layout;
        }
    }

    private static DashboardLayout? Check(JsonElement root, string file, string expectedName, List<string> errors)
    {
        void Fail(string problem) => errors.Add($"Dashboard layout '{file}': {problem}");
        if (root.ValueKind != JsonValueKind.Object) { Fail("must be a JSON object"); return null; }

        var name = Str(root, "layout");
        if (name != expectedName) Fail($"\"layout\" must be \"{expectedName}\" (found {(name is null ? "nothing" : $"\"{name}\"")})");
        var kinds = expectedName == "wall" ? WallKinds : WardKinds;

        // The grid.
        string columns = "1fr", rows = "auto";
        var areas = ImmutableArray<string>.Empty;
        var areaNames = new HashSet<string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("grid", out var grid) || grid.ValueKind != JsonValueKind.Object)
            Fail("\"grid\" is required: {\"columns\", \"rows\", \"areas\"}");
        else
        {
            columns = Str(grid, "columns") ?? "";
            rows = Str(grid, "rows") ?? "";
            if (!TrackPattern().IsMatch(columns)) Fail("grid \"columns\" must be a CSS track list such as \"2fr 1fr\"");
            if (!TrackPattern().IsMatch(rows)) Fail("grid \"rows\" must be a CSS track list such as \"auto 1fr\"");
            if (!grid.TryGetProperty("areas", out var a) || a.ValueKind != JsonValueKind.Array || a.GetArrayLength() == 0)
                Fail("grid \"areas\" must be a list of rows of area names");
            else
            {
                areas = [.. a.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : "")];
                CheckAreas(areas, areaNames, Fail);
                var trackRows = SplitTracks(rows).Count;
                if (TrackPattern().IsMatch(rows) && trackRows != areas.Length)
                    Fail($"grid \"rows\" has {trackRows} track(s) but \"areas\" has {areas.Length} row(s)");
                var cells = areas.Length > 0 ? areas[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Length : 0;
                var trackColumns = SplitTracks(columns).Count;
                if (TrackPattern().IsMatch(columns) && cells > 0 && trackColumns != cells)
                    Fail($"grid \"columns\" has {trackColumns} track(s) but each row of \"areas\" has {cells} cell(s)");
            }
        }

        // The panels.
        var panels = ImmutableArray.CreateBuilder<PanelSpec>();
        if (!root.TryGetProperty("panels", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            Fail("\"panels\" must be a non-empty list");
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var usedAreas = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var p in list.EnumerateArray())
        {
            index++;
            if (p.ValueKind != JsonValueKind.Object) { Fail($"panel #{index}: must be an object"); continue; }
            var id = Str(p, "id");
            var label = id is { Length: > 0 } ? $"panel '{id}'" : $"panel #{index}";
            void PanelFail(string problem) => Fail($"{label}: {problem}");

            foreach (var prop in p.EnumerateObject().Where(x => !PanelProperties.Contains(x.Name)))
                PanelFail($"unknown property \"{prop.Name}\" (known: {string.Join(", ", PanelProperties)})");
            if (id is null || !NamePattern().IsMatch(id)) PanelFail("\"id\" is required: lower-case letters, digits and '-'");
            else if (!ids.Add(id)) PanelFail("\"id\" is used by another panel");

            var kind = Str(p, "kind");
            if (kind is null || !kinds.Contains(kind))
            {
                PanelFail($"unknown kind {(kind is null ? "(none)" : $"'{kind}'")}; a {expectedName} layout knows {string.Join(", ", kinds)}");
                continue;
            }

            var area = Str(p, "area");
            if (area is null) PanelFail("\"area\" is required: one of the grid's area names");
            else if (!areaNames.Contains(area)) PanelFail($"area '{area}' is not in the grid (areas: {string.Join(", ", areaNames.Order())})");
            else if (usedAreas.TryGetValue(area, out var other)) PanelFail($"area '{area}' is already used by panel '{other}'");
            else usedAreas[area] = id ?? label;

            string? titleVi = null, titleEn = null;
            if (p.TryGetProperty("title", out var title))
            {
                if (title.ValueKind == JsonValueKind.String) titleVi = titleEn = title.GetString();
                else if (title.ValueKind == JsonValueKind.Object)
                {
                    titleVi = Str(title, "vi");
                    titleEn = Str(title, "en");
                    if (titleVi is null && titleEn is null) PanelFail("\"title\" needs \"vi\" and/or \"en\"");
                }
                else PanelFail("\"title\" must be text or {\"vi\": \"…\", \"en\": \"…\"}");
            }

            var figures = ImmutableArray<string>.Empty;
            if (p.TryGetProperty("figures", out var figs))
            {
                if (!FigureKinds.Contains(kind) && !OptionalFigureKinds.Contains(kind)) PanelFail($"\"figures\" does not apply to a '{kind}' panel");
                else if (figs.ValueKind != JsonValueKind.Array || figs.GetArrayLength() == 0) PanelFail("\"figures\" must be a non-empty list of figure names");
                else
                {
                    var fb = ImmutableArray.CreateBuilder<string>();
                    foreach (var f in figs.EnumerateArray())
                    {
                        var key = f.ValueKind == JsonValueKind.String ? f.GetString()! : f.ToString();
                        if (!Figures.All.ContainsKey(key)) PanelFail($"unknown figure '{key}' (known: {string.Join(", ", Figures.All.Keys.Order())})");
                        else if (fb.Contains(key)) PanelFail($"figure '{key}' is listed twice");
                        else fb.Add(key);
                    }
                    figures = fb.ToImmutable();
                }
            }
            else if (FigureKinds.Contains(kind)) PanelFail("\"figures\" is required for this panel");

            var thresholds = ImmutableDictionary.CreateBuilder<string, Threshold>(StringComparer.Ordinal);
            if (p.TryGetProperty("thresholds", out var ths))
            {
                if (ths.ValueKind != JsonValueKind.Object) PanelFail("\"thresholds\" must be an object: {\"figure\": {\"warning\": n, \"critical\": n}}");
                else
                    foreach (var th in ths.EnumerateObject())
                    {
                        if (!Figures.All.TryGetValue(th.Name, out var def))
                        {
                            PanelFail($"threshold for unknown figure '{th.Name}'");
                            continue;
                        }
                        if (ParseThreshold(th.Value, def, out var parsed) is { } problem) PanelFail($"threshold '{th.Name}': {problem}");
                        else thresholds[th.Name] = parsed!;
                    }
            }

            var count = 0;
            if (CountKinds.TryGetValue(kind, out var range))
            {
                count = range.Default;
                if (p.TryGetProperty("count", out var c))
                {
                    if (c.ValueKind != JsonValueKind.Number || !c.TryGetInt32(out count) || count < range.Min || count > range.Max)
                        PanelFail($"\"count\" must be a whole number from {range.Min} to {range.Max}");
                }
            }
            else if (p.TryGetProperty("count", out _)) PanelFail($"\"count\" does not apply to a '{kind}' panel");

            var colorBy = "status";
            if (p.TryGetProperty("colorBy", out var cb))
            {
                colorBy = cb.ValueKind == JsonValueKind.String ? cb.GetString()! : "";
                if (!ColorKinds.Contains(kind)) PanelFail($"\"colorBy\" does not apply to a '{kind}' panel");
                else if (colorBy != "status" && !Figures.All.ContainsKey(colorBy))
                    PanelFail($"\"colorBy\" must be \"status\" or a figure name, not '{colorBy}'");
                else if (colorBy != "status" && !thresholds.ContainsKey(colorBy))
                    PanelFail($"\"colorBy\": '{colorBy}' needs a threshold for '{colorBy}' in \"thresholds\"");
            }

            var maxPoints = 0;
            if (PointKinds.TryGetValue(kind, out var defaultPoints))
            {
                maxPoints = defaultPoints;
                if (p.TryGetProperty("maxPoints", out var mp) &&
                    (mp.ValueKind != JsonValueKind.Number || !mp.TryGetInt32(out maxPoints) || maxPoints < 10 || maxPoints > 10_000))
                    PanelFail("\"maxPoints\" must be a whole number from 10 to 10000");
            }
            else if (p.TryGetProperty("maxPoints", out _)) PanelFail($"\"maxPoints\" does not apply to a '{kind}' panel");

            panels.Add(new PanelSpec(id ?? $"panel-{index}", kind, area ?? "", titleVi, titleEn, figures, thresholds.ToImmutable(), count, colorBy, maxPoints));
        }
        return new DashboardLayout(expectedName, file, columns, rows, areas, panels.ToImmutable());
    }

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
