namespace Ioc.Dashboard.History;

/// <summary>A ward's metric over time, as <c>GET /api/v1/wards/{code}/history</c> answers it.</summary>
public sealed record WardHistorySeries(
    string Ward, string Metric, DateTimeOffset From, DateTimeOffset To, long Step, string Source, IReadOnlyList<HistoryPoint> Points);
