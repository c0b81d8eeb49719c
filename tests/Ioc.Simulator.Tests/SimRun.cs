using Ioc.Simulator.Model;

namespace Ioc.Simulator.Tests;

/// <summary>A stretch of simulated time, driven step by step (no waiting).</summary>
internal sealed class SimRun
{
    public List<SimEvent> Events { get; } = [];
    public List<SimEvent> Snapshots { get; } = [];

    /// <summary>Every event with the instant the model had been advanced to when it came out.</summary>
    public List<(SimEvent Event, DateTimeOffset AdvancedTo)> Timed { get; } = [];

    public static SimRun Simulate(CitySimulation sim, DateTimeOffset until, TimeSpan step, TimeSpan? snapshotEvery = null, bool keep = true, Action<SimEvent>? onEvent = null)
    {
        var run = new SimRun();
        var nextSnapshot = sim.Now;
        for (var t = sim.Now + step; t - step < until; t += step)
        {
            if (t > until) t = until;
            foreach (var e in sim.Advance(t))
            {
                onEvent?.Invoke(e);
                if (keep) { run.Events.Add(e); run.Timed.Add((e, t)); }
            }
            if (snapshotEvery is { } every && t >= nextSnapshot)
            {
                nextSnapshot = t + every;
                foreach (var d in sim.Layout.Devices)
                    if (sim.Snapshot(d.DeviceId) is { } s) run.Snapshots.Add(s);
            }
        }
        return run;
    }
}
