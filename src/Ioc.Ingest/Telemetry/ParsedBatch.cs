using Ioc.Grains;
using Ioc.Ingest.Http;

namespace Ioc.Ingest.Telemetry;

/// <summary>A telemetry batch checked against telemetry-v1, field by field.</summary>
public sealed class ParsedBatch
{
    public List<RobotStateReport> Robots { get; } = [];
    public List<CounterStateReport> Counters { get; } = [];
    public List<(string Ward, BusinessEvent Event)> Business { get; } = [];
    public ErrorList Errors { get; } = new();
    public ErrorList Forbidden { get; } = new();
    /// <summary>Ids repeated inside this batch: duplicates before any grain sees them.</summary>
    public int InBatchDuplicates { get; set; }
    /// <summary>Events in the batch (also when there were too many to read).</summary>
    public int Count { get; set; }
    public bool TooManyEvents => Count > TelemetryParser.MaxEvents;
    public required string DeviceId { get; init; }
}
