using System.Diagnostics.Metrics;
using Ioc.History;

namespace Ioc.Dashboard.Operations;

/// <summary>
/// Meter <c>Ioc.History</c>, with InfluxDB configured: the writer's queue, spill and backlog (points), what it
/// wrote and dropped, and whether its last request succeeded, read from <see cref="InfluxWriter.GetStatus"/> at each scrape.
/// </summary>
public sealed class HistoryMetrics
{
    public const string MeterName = "Ioc.History";

    public HistoryMetrics(IMeterFactory meters, InfluxWriter writer)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("ioc.influx.queued", () => writer.GetStatus().QueuedPoints, "{point}", "Points in the InfluxDB writer's memory queue");
        meter.CreateObservableGauge("ioc.influx.spilled", () => writer.GetStatus().SpilledPoints, "{point}", "Points waiting in spill files");
        meter.CreateObservableGauge("ioc.influx.backlog", () => writer.GetStatus().Backlog, "{point}", "Points accepted but not yet acknowledged by InfluxDB");
        meter.CreateObservableGauge("ioc.influx.connected", () => writer.GetStatus().Connected ? 1 : 0, null, "1 when the writer's last request to InfluxDB succeeded");
        meter.CreateObservableCounter("ioc.influx.written", () => writer.GetStatus().WrittenPoints, "{point}", "Points InfluxDB acknowledged");
        meter.CreateObservableCounter("ioc.influx.dropped", () => writer.GetStatus().DroppedPoints, "{point}", "Points InfluxDB refused for good");
    }
}
