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
        // A desk's batch is nearly always one desk: grouped by comparing, not by a key string per event.
        foreach (var desk in Groups(batch.Counters, (a, b) => a.Ward == b.Ward && a.Counter == b.Counter))
            calls.Add(_desks.Get((desk[0].Ward, desk[0].Counter)).ApplyStates([.. desk]));
        foreach (var ward in Groups(batch.Business, (a, b) => a.Ward == b.Ward))
            calls.Add(_wards.Get(ward[0].Ward).ApplyEvents([.. ward.Select(g => g.Event)]));
        if (calls.Count == 1) return await calls[0];
        var total = ApplyResult.Empty;
        foreach (var r in await Task.WhenAll(calls)) total = total.Add(r);
        return total;
    }

    /// <summary>The items in groups of those <paramref name="same"/> says belong together, in order of first appearance.</summary>
    private static List<List<T>> Groups<T>(List<T> items, Func<T, T, bool> same)
    {
        var groups = new List<List<T>>();
        var one = true;
        for (var i = 1; i < items.Count && one; i++) one = same(items[0], items[i]);
        if (items.Count == 0) return groups;
        if (one) return [items];
        foreach (var item in items)
        {
            List<T>? group = null;
            for (var g = 0; g < groups.Count && group is null; g++) if (same(groups[g][0], item)) group = groups[g];
            if (group is null) groups.Add(group = []);
            group.Add(item);
        }
        return groups;
    }
}
