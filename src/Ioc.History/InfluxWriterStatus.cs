namespace Ioc.History;

/// <summary>Observable state of an <see cref="InfluxWriter"/> (for health checks and the ops dashboard).</summary>
/// <param name="Connected">The last request to InfluxDB succeeded.</param>
/// <param name="Backlog">Points accepted but not yet acknowledged: in memory, in flight and spilled.</param>
/// <param name="SpilledPoints">Part of the backlog that sits in spill files.</param>
/// <param name="LastError">Last write failure (null when there was none).</param>
/// <param name="LastErrorAt">When <paramref name="LastError"/> happened.</param>
/// <param name="WrittenPoints">Points InfluxDB acknowledged since the writer started.</param>
/// <param name="QueuedPoints">Points in the bounded in-memory queue (never above <c>MaxQueuedPoints</c>).</param>
/// <param name="DroppedPoints">Points InfluxDB refused for good (HTTP 400/413), which are not retried.</param>
public sealed record InfluxWriterStatus(
    bool Connected,
    long Backlog,
    long SpilledPoints,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long WrittenPoints,
    long QueuedPoints,
    long DroppedPoints);
