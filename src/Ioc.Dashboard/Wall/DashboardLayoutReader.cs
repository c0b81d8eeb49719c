using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ioc.Dashboard.Wall;

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

}
