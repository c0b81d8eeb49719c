using Ioc.Simulator.Model;
using Ioc.Simulator.Network;
using Ioc.Time;

namespace Ioc.Simulator;

/// <summary>
/// A whole simulated Hanoi day for every unit of a layout, at full speed and without HTTP: what a
/// benchmark feeds into the ward ledger and the wait estimator (bench/run-estimate.sh).
/// </summary>
/// <param name="Events">Every event of the day (tickets, desk and robot state changes, ratings, dossiers), in ts order.</param>
/// <param name="Deliveries">The same events as the devices send them (a batch per device every batch interval) in the
/// order the network delivers them: some late, some overtaken, some twice with the same ids. Every event is in at
/// least one delivery; the last may arrive after midnight.</param>
public sealed record SimulatedDay(DateOnly Day, IReadOnlyList<SimEvent> Events, IReadOnlyList<Delivery> Deliveries)
{
    /// <summary>The embedded center's rhythm: a flush every 2 real seconds at 60× is a batch every 2 business minutes.</summary>
    public static readonly TimeSpan DefaultBatchInterval = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="day"/> (a Hanoi calendar day) from its midnight to the next, starting with no open
    /// dossiers. Deterministic for the layout's seed and scenario and the network options (default: 5 % late,
    /// 5 % reordered, 2 % repeated). Heartbeats are not included: the live simulator adds them on real time.
    /// With a <paramref name="chief"/>, the desks follow the orders it gives after each step (accepted staffing
    /// advice), from that step's instant on; without one the day is the plain seeded day.
    /// </summary>
    public static SimulatedDay Run(CityLayout layout, DateOnly day, NetworkOptions? network = null, TimeSpan? batchInterval = null,
        IStaffingChief? chief = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var step = batchInterval ?? DefaultBatchInterval;
        if (step <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(batchInterval), "must be positive");
        var start = HanoiTime.StartOf(day);
        var end = HanoiTime.StartOf(day.AddDays(1)) - TimeSpan.FromMilliseconds(1);
        var sim = new CitySimulation(layout, start, runId: "day");
        var net = NetworkModel.For(network ?? new NetworkOptions(), layout.Settings);
        var events = new List<SimEvent>();
        var deliveries = new List<Delivery>();
        for (var t = start + step; ; t += step)
        {
            if (t > end) t = end;
            var batch = sim.Advance(t);
            events.AddRange(batch);
            foreach (var (device, list) in DeviceBatches.Split(batch)) net.Send(device, list, t);
            var due = net.TakeDue(t);
            deliveries.AddRange(due);
            if (chief is not null)
                foreach (var order in chief.Follow(t, due)) sim.Order(order);
            if (t == end) break;
        }
        deliveries.AddRange(net.TakeAll());
        return new SimulatedDay(day, events, deliveries);
    }
}
