using Ioc.History;
using Ioc.Silo.History;

namespace Ioc.Dashboard.History;

/// <summary>
/// <c>GET /api/v1/admin/history</c> with InfluxDB configured: the sample writer's state and, where this
/// process hosts a silo, the shipping of the wards' logged events.
/// </summary>
public sealed record HistoryStoreStatus(bool Configured, string Database, InfluxWriterStatus Writer, EventShipperStatus? Events);
