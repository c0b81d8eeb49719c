using System.Collections.Immutable;

namespace Ioc.Dashboard.Wall;

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
