using Ioc.Grains;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// Sends a checked batch to its grains: one call per grain with all of that grain's events
/// (robot by device, desk by ward and label, business events by ward), all in parallel.
/// </summary>
public sealed class TelemetryDispatcher(IGrainFactory grains) : ITelemetryDispatcher
{
    public async Task<ApplyResult> Dispatch(ParsedBatch batch)
    {
        var calls = new List<Task<ApplyResult>>();
        // Every event of a batch carries the key's device id, so a batch holds at most one robot.
        if (batch.Robots.Count > 0)
            calls.Add(grains.GetGrain<IRobotGrain>(batch.DeviceId).ApplyStates([.. batch.Robots]));
        foreach (var group in batch.Counters.GroupBy(c => ICounterGrain.KeyOf(c.Ward, c.Counter)))
            calls.Add(grains.GetGrain<ICounterGrain>(group.Key).ApplyStates([.. group]));
        foreach (var group in batch.Business.GroupBy(b => b.Ward))
            calls.Add(grains.GetGrain<IWardGrain>(group.Key).ApplyEvents([.. group.Select(g => g.Event)]));
        var total = ApplyResult.Empty;
        foreach (var r in await Task.WhenAll(calls)) total = total.Add(r);
        return total;
    }
}
