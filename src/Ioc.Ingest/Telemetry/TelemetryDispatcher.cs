using Ioc.Grains;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// Sends a checked batch to its grains: one call per grain with all of that grain's events
/// (robot by device, desk by ward and label, business events by ward), all in parallel.
/// </summary>
public sealed class TelemetryDispatcher(IGrainFactory grains) : ITelemetryDispatcher
{
    private readonly GrainReferences<string, IRobotGrain> _robots = new(id => grains.GetGrain<IRobotGrain>(id));
    private readonly GrainReferences<(string Ward, string Counter), ICounterGrain> _desks =
        new(k => grains.GetGrain<ICounterGrain>(ICounterGrain.KeyOf(k.Ward, k.Counter)));
    private readonly GrainReferences<string, IWardGrain> _wards = new(code => grains.GetGrain<IWardGrain>(code));

    public async Task<ApplyResult> Dispatch(ParsedBatch batch)
    {
        var calls = new List<Task<ApplyResult>>(2);
        // Every event of a batch carries the key's device id, so a batch holds at most one robot.
        if (batch.Robots.Count > 0)
            calls.Add(_robots.Get(batch.DeviceId).ApplyStates([.. batch.Robots]));
        // Grouped by the desk's (ward, label), not by its grain key: no key string per event.
        foreach (var desk in batch.Counters.GroupBy(c => (c.Ward, c.Counter)))
            calls.Add(_desks.Get(desk.Key).ApplyStates([.. desk]));
        foreach (var ward in batch.Business.GroupBy(b => b.Ward))
            calls.Add(_wards.Get(ward.Key).ApplyEvents([.. ward.Select(g => g.Event)]));
        if (calls.Count == 1) return await calls[0];
        var total = ApplyResult.Empty;
        foreach (var r in await Task.WhenAll(calls)) total = total.Add(r);
        return total;
    }
}
