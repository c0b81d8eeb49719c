using Ioc.Grains;
using Ioc.History;
using Ioc.Ingest.Telemetry;

namespace Ioc.Dashboard.History;

/// <summary>
/// Every accepted business event as a point of measurement <c>event</c>. Runs on the telemetry request:
/// it only formats the points and queues them in the background <see cref="InfluxWriter"/>, and never
/// throws (a point that cannot be stored is skipped and logged; the grains already have the event).
/// </summary>
public sealed class InfluxBusinessEventSink(InfluxWriter writer, EventTimeSlots slots, ILogger<InfluxBusinessEventSink> logger)
    : IBusinessEventSink
{
    public void OnAccepted(IReadOnlyList<(string Ward, BusinessEvent Event)> events)
    {
        foreach (var (ward, e) in events)
        {
            Point point;
            try
            {
                point = HistoryPoints.Event(ward, e);
            }
            catch (ArgumentException ex)
            {
                logger.LogWarning("Business event {EventId} of ward {Ward} not written to InfluxDB: {Reason}", e.EventId, ward, ex.Message);
                continue;
            }

            var ms = slots.Claim(HistoryPoints.SeriesKey(point), e.Ts.ToUnixTimeMilliseconds(), e.EventId);
            point.At(DateTimeOffset.FromUnixTimeMilliseconds(ms));
            try
            {
                writer.Write(point);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
            {
                // The queue is full and the spill cannot be written, or the host is stopping: the rest would fail alike.
                logger.LogWarning(ex, "{Count} business events not written to InfluxDB", events.Count);
                return;
            }
        }
    }
}
