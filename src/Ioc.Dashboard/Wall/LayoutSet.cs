namespace Ioc.Dashboard.Wall;

/// <summary>Both screens' layouts, read and checked together.</summary>
public sealed record LayoutSet(DashboardLayout Wall, DashboardLayout Ward);
