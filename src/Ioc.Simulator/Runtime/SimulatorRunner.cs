using System.Collections.Concurrent;
using System.Net;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Time;
using Microsoft.Extensions.Logging;

namespace Ioc.Simulator.Runtime;

/// <summary>Counters of what the simulator has sent.</summary>
public sealed class SimulatorStats
{
    private long _generated, _posts, _accepted, _duplicates, _retries, _dropped;

    public long Generated => Interlocked.Read(ref _generated);
    public long Posts => Interlocked.Read(ref _posts);
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Duplicates => Interlocked.Read(ref _duplicates);
    public long Retries => Interlocked.Read(ref _retries);
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void AddGenerated(long n) => Interlocked.Add(ref _generated, n);
    internal void AddPost() => Interlocked.Increment(ref _posts);
    internal void AddAccepted(long n, long d) { Interlocked.Add(ref _accepted, n); Interlocked.Add(ref _duplicates, d); }
    internal void AddRetry() => Interlocked.Increment(ref _retries);
    internal void AddDropped(long n) => Interlocked.Add(ref _dropped, n);
}

/// <summary>
/// Runs the simulation against the center: provisions all devices, then one loop (no per-event
/// timers) advances the day model to the business clock's now, routes the events to per-device
/// outboxes, adds heartbeats paced in real seconds, and posts at most one batch per device per flush.
/// </summary>
public sealed class SimulatorRunner
{
    private const int MaxBatch = 500;
    private static readonly TimeSpan MovingUpdate = TimeSpan.FromSeconds(5);

    private readonly SimulatorOptions _options;
    private readonly IocClock _clock;
    private readonly IocApiClient _api;
    private readonly ILogger _logger;
    private readonly SimulatorStateStore? _store;
    private readonly ConcurrentDictionary<Task, byte> _inflight = new();
    private readonly Dictionary<string, DeviceLink> _links = new(StringComparer.Ordinal);
    private CitySimulation? _sim;

    public SimulatorRunner(SimulatorOptions options, IocClock clock, IocApiClient api, ILogger logger, SimulatorStateStore? store)
    {
        _options = options;
        _clock = clock;
        _api = api;
        _logger = logger;
        _store = store;
    }

    public SimulatorStats Stats { get; } = new();

    /// <summary>Set once the devices are provisioned and the simulation has started.</summary>
    public CitySimulation? Simulation => _sim;

    private TimeProvider Real => _clock.Real;

    private TimeSpan Heartbeat => TimeSpan.FromSeconds(Math.Max(1, _options.HeartbeatSeconds));

    public async Task RunAsync(CancellationToken ct)
    {
        var settings = SimulationSettings.From(_options);
        var layout = CityLayout.Build(settings);
        _logger.LogInformation("Simulator: provisioning {Count} devices for {Wards} units at {BaseUrl}", layout.Devices.Count, layout.Wards.Count, _options.BaseUrl);
        await ProvisionAllAsync(layout, ct).ConfigureAwait(false);

        var restored = _store?.Load();
        var start = _clock.GetUtcNow();
        _sim = new CitySimulation(layout, start, restored?.Dossiers);
        _logger.LogInformation("Simulator: {Devices} devices ready; simulating from {Start} (business time, ×{Speed}), {Open} open dossiers restored",
            _links.Count, TelemetryJson.Format(start), _clock.Speed, _sim.OpenDossiers.Count);

        var flush = TimeSpan.FromSeconds(Math.Clamp(_options.FlushSeconds, 0.2, 10));
        var saveEvery = TimeSpan.FromSeconds(Math.Max(5, _options.StateSaveSeconds));
        var nextSave = Real.GetUtcNow() + saveEvery;
        var nextLog = Real.GetUtcNow() + TimeSpan.FromMinutes(1);
        var first = true;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var tickStart = Real.GetUtcNow();
                await TickAsync(first, ct).ConfigureAwait(false);
                first = false;
                var realNow = Real.GetUtcNow();
                if (realNow >= nextSave)
                {
                    SaveState();
                    nextSave = realNow + saveEvery;
                }
                if (realNow >= nextLog)
                {
                    nextLog = realNow + TimeSpan.FromMinutes(1);
                    _logger.LogInformation("Simulator at {Now}: {Generated} events generated, {Posts} posts, {Accepted} accepted, {Duplicates} duplicates, {Retries} retries, {Dropped} dropped, {Open} open dossiers",
                        TelemetryJson.Format(_sim.Now), Stats.Generated, Stats.Posts, Stats.Accepted, Stats.Duplicates, Stats.Retries, Stats.Dropped, _sim.OpenDossiers.Count);
                }
                var wait = flush - (Real.GetUtcNow() - tickStart);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, Real, ct).ConfigureAwait(false);
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

    /// <summary>One flush: advance the model, queue events and heartbeats, post issuers first, then counters.</summary>
    internal async Task TickAsync(bool first, CancellationToken ct)
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
            if (!due || (link.Busy && link.Pending.Count > 0)) continue;
            if (sim.Snapshot(link.Spec.DeviceId) is { } snapshot)
            {
                link.Pending.Add(snapshot);
                Stats.AddGenerated(1);
                link.LastState = realNow;
                link.NextHeartbeat = realNow + Heartbeat;
            }
        }

        // Issuers (robots, kiosks, the dossier system) first so a ticket's "issued" reaches the
        // center before a counter's "called" of the same flush.
        var issuers = new List<Task>();
        foreach (var link in _links.Values)
            if (link.Spec.Kind != DeviceKinds.Counter && link.Pending.Count > 0 && !link.Busy)
                issuers.Add(Start(link, ct));
        if (issuers.Count > 0)
        {
            try { await Task.WhenAll(issuers).WaitAsync(TimeSpan.FromSeconds(3), Real, ct).ConfigureAwait(false); }
            catch (TimeoutException) { }
        }
        foreach (var link in _links.Values)
            if (link.Spec.Kind == DeviceKinds.Counter && link.Pending.Count > 0 && !link.Busy)
                _ = Start(link, ct);
    }

    private Task Start(DeviceLink link, CancellationToken ct)
    {
        var count = Math.Min(MaxBatch, link.Pending.Count);
        var batch = link.Pending.GetRange(0, count);
        link.Pending.RemoveRange(0, count);
        link.Busy = true;
        var task = SendAsync(link, batch, ct);
        _inflight[task] = 0;
        _ = task.ContinueWith(t => _inflight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task SendAsync(DeviceLink link, List<SimEvent> batch, CancellationToken ct)
    {
        try
        {
            await SendBatchAsync(link, batch, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Stats.AddDropped(batch.Count);
            _logger.LogError(ex, "Simulator: sending {Count} events of {Device} failed", batch.Count, link.Spec.DeviceId);
        }
        finally
        {
            link.Busy = false;
        }
    }

    /// <summary>Posts one batch until the center has it; 429/503 and network errors retry the same bytes (same ids).</summary>
    private async Task SendBatchAsync(DeviceLink link, List<SimEvent> batch, CancellationToken ct)
    {
        var body = TelemetryJson.SerializeBatch(batch);
        var backoff = TimeSpan.FromSeconds(1);
        var reprovisioned = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            Stats.AddPost();
            var r = await _api.PostTelemetryAsync(link.Key, body, ct).ConfigureAwait(false);
            if (r.IsSuccess)
            {
                Stats.AddAccepted(r.Accepted, r.Duplicates);
                return;
            }
            switch (r.Status)
            {
                case HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable:
                    Stats.AddRetry();
                    await Task.Delay(r.RetryAfter ?? backoff, Real, ct).ConfigureAwait(false);
                    backoff = Next(backoff);
                    continue;
                case HttpStatusCode.BadRequest:
                    Stats.AddDropped(batch.Count);
                    _logger.LogError("Simulator bug: the center rejected {Count} events of {Device}: {Problem}", batch.Count, link.Spec.DeviceId, r.Body);
                    return;
                case HttpStatusCode.RequestEntityTooLarge when batch.Count > 1:
                    var half = batch.Count / 2;
                    await SendBatchAsync(link, batch.GetRange(0, half), ct).ConfigureAwait(false);
                    await SendBatchAsync(link, batch.GetRange(half, batch.Count - half), ct).ConfigureAwait(false);
                    return;
                case HttpStatusCode.Unauthorized when !reprovisioned:
                    // The center forgot the key (e.g. its store was reset): provision again, then resend.
                    reprovisioned = true;
                    link.Key = await _api.ProvisionAsync(link.Spec, ct).ConfigureAwait(false);
                    continue;
                case null:
                case HttpStatusCode.RequestTimeout:
                case >= HttpStatusCode.InternalServerError:
                    Stats.AddRetry();
                    if (r.Error is not null) _logger.LogDebug("Simulator: posting for {Device} failed: {Message}", link.Spec.DeviceId, r.Error.Message);
                    await Task.Delay(backoff, Real, ct).ConfigureAwait(false);
                    backoff = Next(backoff);
                    continue;
                default:
                    Stats.AddDropped(batch.Count);
                    _logger.LogError("Simulator: the center answered {Status} to {Count} events of {Device}: {Problem}", (int)r.Status, batch.Count, link.Spec.DeviceId, r.Body);
                    return;
            }
        }
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 < TimeSpan.FromSeconds(30) ? backoff * 2 : TimeSpan.FromSeconds(30);

    private sealed class DeviceLink(DeviceSpec spec, string key)
    {
        private volatile bool _busy;
        private volatile string _key = key;

        public DeviceSpec Spec { get; } = spec;
        public string Key { get => _key; set => _key = value; }
        public List<SimEvent> Pending { get; } = [];
        public bool Busy { get => _busy; set => _busy = value; }
        public DateTimeOffset NextHeartbeat { get; set; }
        public DateTimeOffset LastState { get; set; } = DateTimeOffset.MinValue;
    }
}
