namespace Ioc.Dashboard.History;

/// <summary>One side of a comparison: its range, where it came from (<c>influxdb</c>, <c>sqlite</c>, <c>grain</c> or <c>none</c>) and its points.</summary>
public sealed record ComparedSeries(DateTimeOffset From, DateTimeOffset To, string Source, IReadOnlyList<HistoryPoint> Points);
