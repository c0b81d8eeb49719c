namespace Ioc.Dashboard.History;

/// <summary>A history store that cannot answer now (InfluxDB away, the SQLite file unreadable).</summary>
public sealed class HistoryUnavailableException(string message, Exception inner) : Exception(message, inner);
