namespace Ioc.Dashboard.Wall;

/// <summary>One unit's outline as an SVG path in the map's own units.</summary>
public sealed record WardShape(
    string Code,
    string Name,
    string FullName,
    string Type,
    string Path,
    double MinX,
    double MinY,
    double MaxX,
    double MaxY,
    double LabelX,
    double LabelY);
