using Ioc.History;

namespace Ioc.Dashboard.History;

/// <summary><c>GET /api/v1/admin/history</c> with InfluxDB configured: the writer's state.</summary>
public sealed record HistoryStoreStatus(bool Configured, string Database, InfluxWriterStatus Writer);
