namespace Ioc.Dashboard.History;

/// <summary>One bucket of a history answer: its start (+07:00) and the mean of the metric in it.</summary>
public sealed record HistoryPoint(DateTimeOffset At, double Value);
