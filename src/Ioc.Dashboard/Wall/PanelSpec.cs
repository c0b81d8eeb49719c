using System.Collections.Immutable;

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
