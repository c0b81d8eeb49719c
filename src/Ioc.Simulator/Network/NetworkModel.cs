using Ioc.Simulator.Model;

namespace Ioc.Simulator.Network;

/// <summary>
/// Delivers the devices' batches the way a real network does (<see cref="NetworkOptions"/>): most
/// within a second and a half, some late (5 s to minutes), some overtaken by the device's next
/// batch, some twice with the same ids. Batches of different devices interleave by delivery time.
/// A device may be silenced (scenario dossier-outage): what it sends meanwhile is delivered in order
/// when it speaks again. Deterministic: each device draws from its own seeded stream, so the same
/// batches sent in the same order are delivered the same way.
/// </summary>
public sealed class NetworkModel
{
    /// <summary>A delivery this long after sending or longer is late.</summary>
    public const double LateAfterSeconds = 5;

    public const double OnTimeWithinSeconds = 1.5;

    /// <summary>A backlog drains one batch every two seconds.</summary>
    private static readonly TimeSpan BacklogPace = TimeSpan.FromSeconds(2);

    private readonly NetworkOptions _options;
    private readonly int _seed;
    private readonly Func<string, DateTimeOffset, DateTimeOffset?>? _silentUntil;
    private readonly PriorityQueue<Delivery, (long Ticks, long Seq)> _queue = new();
    private readonly Dictionary<string, DeviceLine> _lines = new(StringComparer.Ordinal);
    private long _seq;

    /// <param name="silentUntil">For a device and a send instant: when the device speaks again, or null when it is not silent.</param>
    public NetworkModel(NetworkOptions options, int seed, Func<string, DateTimeOffset, DateTimeOffset?>? silentUntil = null)
    {
        _options = options;
        _seed = seed;
        _silentUntil = silentUntil;
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
    }

    /// <summary>The network of a scenario: the dossier system is silent during a dossier outage.</summary>
    public static NetworkModel For(NetworkOptions options, SimulationSettings settings) =>
        new(options, settings.Seed, settings.Scenario == SimulatorScenario.DossierOutage
            ? (device, sentAt) => device == CityLayout.DossierSystemId ? ScenarioPlanner.DossierSystemHeldUntil(settings.Scenario, sentAt) : null
            : null);

    /// <summary>Deliveries planned and not yet taken (held batches included).</summary>
    public int Pending => _queue.Count + _lines.Values.Count(l => l.Held is not null);

    /// <summary>When the next delivery is due (a held batch at its longest hold); null when nothing is pending.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            DateTimeOffset? next = _queue.TryPeek(out var d, out _) ? d.At : null;
            foreach (var line in _lines.Values)
                if (line.Held is { } h && (next is null || HoldLimit(h) < next)) next = HoldLimit(h);
            return next;
        }
    }

    /// <summary>The device sends a batch at <paramref name="sentAt"/> (business time); plans when it arrives.</summary>
    public void Send(string deviceId, IReadOnlyList<SimEvent> events, DateTimeOffset sentAt)
    {
        if (events.Count == 0) return;
        if (!_lines.TryGetValue(deviceId, out var line))
            _lines[deviceId] = line = new DeviceLine(Rng.For(_seed, "network", deviceId));
        if (_silentUntil?.Invoke(deviceId, sentAt) is { } until)
        {
            var at = line.LastBacklogAt is { } last && last >= until ? last + BacklogPace : until;
            line.LastBacklogAt = at;
            Enqueue(new Delivery(at, sentAt, deviceId, events, DeliveryKind.Backlog));
            return;
        }

        if (line.Held is { } stale && HoldLimit(stale) <= sentAt) ReleaseHeld(line, stale);
        var rng = line.Rng;
        var u = rng.NextDouble();
        var repeat = rng.Chance(_options.RepeatShare);
        var batch = new HeldBatch(deviceId, events, sentAt, repeat);
        if (u < _options.LateShare)
            Deliver(line, batch, sentAt + Seconds(rng.Uniform(LateAfterSeconds, _options.MaxDelaySeconds)), DeliveryKind.Late);
        else if (u < _options.LateShare + _options.ReorderShare && line.Held is null)
            line.Held = batch; // goes right after this device's next batch
        else
            Deliver(line, batch, sentAt + Seconds(rng.Uniform(0.05, OnTimeWithinSeconds)), DeliveryKind.OnTime);

        if (line.Held is { } held && !ReferenceEquals(held, batch))
        {
            // Right after the batch that overtook it, but never later than its longest hold.
            line.Held = null;
            var at = line.LastAt + Seconds(rng.Uniform(0.05, 0.5));
            Deliver(line, held, at < HoldLimit(held) ? at : HoldLimit(held), DeliveryKind.Reordered);
        }
    }

    /// <summary>The deliveries due by <paramref name="now"/>, in delivery order.</summary>
    public List<Delivery> TakeDue(DateTimeOffset now)
    {
        ReleaseHeld(now);
        var due = new List<Delivery>();
        while (_queue.TryPeek(out var d, out _) && d.At <= now) due.Add(_queue.Dequeue());
        return due;
    }

    /// <summary>Everything still pending, in delivery order (the end of a run).</summary>
    public List<Delivery> TakeAll() => TakeDue(DateTimeOffset.MaxValue);

    /// <summary>A held batch whose device sent nothing more goes at its longest hold.</summary>
    private void ReleaseHeld(DateTimeOffset now)
    {
        foreach (var line in _lines.Values)
            if (line.Held is { } h && HoldLimit(h) <= now) ReleaseHeld(line, h);
    }

    private void ReleaseHeld(DeviceLine line, HeldBatch h)
    {
        line.Held = null;
        Deliver(line, h, HoldLimit(h), DeliveryKind.Reordered);
    }

    private DateTimeOffset HoldLimit(HeldBatch h) => h.SentAt + Seconds(_options.MaxDelaySeconds);

    private void Deliver(DeviceLine line, HeldBatch b, DateTimeOffset at, DeliveryKind kind)
    {
        at = WorkCalendar.Ms(at);
        if (kind != DeliveryKind.Reordered) line.LastAt = at;
        Enqueue(new Delivery(at, b.SentAt, b.DeviceId, b.Events, kind));
        if (b.Repeat)
            Enqueue(new Delivery(WorkCalendar.Ms(at + Seconds(line.Rng.Uniform(1, 30))), b.SentAt, b.DeviceId, b.Events, DeliveryKind.Repeat));
    }

    private void Enqueue(Delivery d) => _queue.Enqueue(d, (d.At.UtcTicks, ++_seq));

    private static TimeSpan Seconds(double s) => TimeSpan.FromSeconds(s);
}
