namespace Ioc.Dashboard.History;

/// <summary>Today so far next to the same hours of the same weekday a week earlier (points keep their own times).</summary>
public sealed record WardHistoryComparison(
    string Ward, string Metric, long Step, string Source, ComparedSeries Today, ComparedSeries LastWeek);
