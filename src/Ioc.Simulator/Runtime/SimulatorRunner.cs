using System.Collections.Concurrent;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Simulator.Network;
using Ioc.Simulator.Transport;
using Ioc.Telemetry;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.Logging;

namespace Ioc.Simulator.Runtime;

/// <summary>
/// Runs the simulation against the center: provisions all devices, then one loop (no per-event
/// timers) advances the day model to the business clock's now at every flush, gives each device's
/// events (and heartbeats paced in real seconds) to the <see cref="NetworkModel"/> as one batch, and
/// posts the deliveries the network makes due (late, reordered, repeated ones included), one post in
/// flight per device. Between flushes it wakes for deliveries that fall due.
/// </summary>
public sealed partial class SimulatorRunner
{
    private static readonly TimeSpan MovingUpdate = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MinWake = TimeSpan.FromMilliseconds(20);

    private readonly SimulatorOptions _options;
    private readonly IocClock _clock;
    private readonly IocApiClient _api;
    private readonly ILogger _logger;
    private readonly SimulatorStateStore? _store;
    private readonly IReadOnlyList<WardInfo>? _units;
    private readonly ConcurrentDictionary<Task, byte> _inflight = new();
    private readonly Dictionary<string, DeviceLink> _links = new(StringComparer.Ordinal);
    private CitySimulation? _sim;
    private NetworkModel? _network;
    private readonly MqttDevices? _mqtt;

    public SimulatorRunner(SimulatorOptions options, IocClock clock, IocApiClient api, ILogger logger, SimulatorStateStore? store, IReadOnlyList<WardInfo>? units = null)
    {
        _units = units;
        _options = options;
        _clock = clock;
        _api = api;
        _logger = logger;
        _store = store;
        if (!TransportChoice.IsKnown(options.Transport))
            throw new ArgumentException($"Ioc:Simulator:Transport '{options.Transport}' is none of http, mqtt, mixed.");
        if (TransportChoice.UsesMqtt(options.Transport, "any") || options.Transport.Equals(TransportChoice.Mixed, StringComparison.OrdinalIgnoreCase))
            _mqtt = new MqttDevices(options.MqttBroker is { Length: > 0 } b ? b : $"{new Uri(options.BaseUrl!).Host}:1883");
    }

    public SimulatorStats Stats { get; } = new();

    /// <summary>Set once the devices are provisioned and the simulation has started.</summary>
    public CitySimulation? Simulation => _sim;

    private TimeProvider Real => _clock.Real;

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Max(1, _options.HeartbeatSeconds));

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = SimulationSettings.From(_options);
        var layout = CityLayout.Build(settings, _units);
        _logger.LogInformation("Simulator: provisioning {Count} devices for {Wards} units at {BaseUrl}", layout.Devices.Count, layout.Wards.Count, _options.BaseUrl);
        await ProvisionAllAsync(layout, ct).ConfigureAwait(false);

        var restored = _store?.Load();
        var start = _clock.GetUtcNow();
        _sim = new CitySimulation(layout, start, restored?.Dossiers);
        _network = NetworkModel.For(_options.Network, settings);
        _logger.LogInformation("Simulator: {Devices} devices ready; scenario {Scenario}; simulating from {Start} (business time, ×{Speed}), {Open} open dossiers restored",
            _links.Count, SimulatorScenarios.NameOf(settings.Scenario), TelemetryJson.Format(start), _clock.Speed, _sim.OpenDossiers.Count);

        var flush = TimeSpan.FromSeconds(Math.Clamp(_options.FlushSeconds, 0.2, 10));
        var saveEvery = TimeSpan.FromSeconds(Math.Max(5, _options.StateSaveSeconds));
        var nextSave = Real.GetUtcNow() + saveEvery;
        var nextLog = Real.GetUtcNow() + TimeSpan.FromMinutes(1);
        var first = true;
        var nextFlush = Real.GetUtcNow();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (Real.GetUtcNow() >= nextFlush)
                {
                    nextFlush = Real.GetUtcNow() + flush;
                    Tick(first, ct);
                    first = false;
                }
                else PostDue(ct);
                var realNow = Real.GetUtcNow();
                if (realNow >= nextSave)
                {
                    SaveState();
                    nextSave = realNow + saveEvery;
                }
                if (realNow >= nextLog)
                {
                    nextLog = realNow + TimeSpan.FromMinutes(1);
                    _logger.LogInformation("Simulator at {Now}: {Generated} events generated, {Posts} posts, {Accepted} accepted, {Duplicates} duplicates, {Retries} retries, {Dropped} dropped, {Late} late, {Reordered} reordered, {Repeated} repeated batches, {Open} open dossiers",
                        TelemetryJson.Format(_sim.Now), Stats.Generated, Stats.Posts, Stats.Accepted, Stats.Duplicates, Stats.Retries, Stats.Dropped,
                        Stats.Deliveries(DeliveryKind.Late), Stats.Deliveries(DeliveryKind.Reordered), Stats.Deliveries(DeliveryKind.Repeat), _sim.OpenDossiers.Count);
                }
                await Task.Delay(UntilNextWake(nextFlush), Real, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            SaveState();
            try { await Task.WhenAll(_inflight.Keys).WaitAsync(TimeSpan.FromSeconds(5), Real, CancellationToken.None).ConfigureAwait(false); }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException) { }
        }
    }

    private void SaveState()
    {
        if (_store is null || _sim is null) return;
        _store.Save(_options.Seed, _sim.Now, _sim.OpenDossiers);
    }

    private async Task ProvisionAllAsync(CityLayout layout, CancellationToken ct)
    {
        var links = new ConcurrentDictionary<string, DeviceLink>(StringComparer.Ordinal);
        var failed = 0;
        await Parallel.ForEachAsync(layout.Devices, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentRequests), CancellationToken = ct },
            async (device, token) =>
            {
                try
                {
                    var key = await _api.ProvisionAsync(device, token).ConfigureAwait(false);
                    links[device.DeviceId] = new DeviceLink(device, key);
                }
                catch (ProvisioningException ex)
                {
                    Interlocked.Increment(ref failed);
                    _logger.LogError("Simulator: {Message}", ex.Message);
                }
            }).ConfigureAwait(false);
        var rng = Rng.For(_options.Seed, "heartbeat-phase");
        var now = Real.GetUtcNow();
        var spread = Math.Min(Heartbeat.TotalSeconds, 10);
        foreach (var d in layout.Devices)
        {
            if (!links.TryGetValue(d.DeviceId, out var link)) continue;
            link.NextHeartbeat = now + TimeSpan.FromSeconds(rng.Uniform(0, spread));
            _links[d.DeviceId] = link;
        }
        if (failed > 0) _logger.LogError("Simulator: {Failed} devices could not be provisioned; their events are dropped", failed);
    }

    /// <summary>Real time until the next flush, or until the network's next delivery falls due if sooner.</summary>
    private TimeSpan UntilNextWake(DateTimeOffset nextFlush)
    {
        var wait = nextFlush - Real.GetUtcNow();
        if (_network!.NextDueAt is { } due)
        {
            var untilDue = _clock.ToReal(due - _clock.GetUtcNow());
            if (untilDue < wait) wait = untilDue;
        }
        return wait < MinWake ? MinWake : wait;
    }

    /// <summary>One flush: advance the model, add heartbeats, hand every device's batch to the network, post what is due.</summary>
    internal void Tick(bool first, CancellationToken ct)
    {
        var sim = _sim!;
        var businessNow = _clock.GetUtcNow();
        var events = sim.Advance(businessNow);
        Stats.AddGenerated(events.Count);
        var staleState = sim.Now - TimeSpan.FromMinutes(5);
        foreach (var e in events)
        {
            // The replay of today before the start carries old state changes: the heartbeats tell the present.
            if (first && e.IsState && e.Ts < staleState) continue;
            if (!_links.TryGetValue(e.DeviceId, out var link) || !link.Spec.CanWrite(e.Ward))
            {
                Stats.AddDropped(1);
                continue;
            }
            link.Pending.Add(e);
        }

        var realNow = Real.GetUtcNow();
        foreach (var link in _links.Values)
        {
            if (link.Spec.Kind is not (DeviceKinds.Counter or DeviceKinds.Robot)) continue;
            var due = realNow >= link.NextHeartbeat
                || (link.Pending.Count > 0 && realNow - link.LastState >= Heartbeat / 2)
                || (link.Spec.Kind == DeviceKinds.Robot && realNow - link.LastState >= MovingUpdate && sim.IsMoving(link.Spec.DeviceId));
            if (!due) continue;
            if (sim.Snapshot(link.Spec.DeviceId) is { } snapshot)
            {
                link.Pending.Add(snapshot);
                Stats.AddGenerated(1);
                link.LastState = realNow;
                link.NextHeartbeat = realNow + Heartbeat;
            }
        }

        foreach (var link in _links.Values)
        {
            if (link.Pending.Count == 0) continue;
            foreach (var (device, batch) in DeviceBatches.Split(link.Pending)) _network!.Send(device, batch, businessNow);
            link.Pending.Clear();
        }
        PostDue(ct);
    }
}
