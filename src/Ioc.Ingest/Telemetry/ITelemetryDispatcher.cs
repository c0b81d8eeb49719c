using Ioc.Grains;

namespace Ioc.Ingest.Telemetry;

/// <summary>Hands a checked batch to the grains; the seam where "cannot apply now" (503) arises.</summary>
public interface ITelemetryDispatcher
{
    Task<ApplyResult> Dispatch(ParsedBatch batch);
}
