using Ioc.Grains;
using Ioc.Silo.Devices;
using Ioc.Time;

namespace Ioc.Silo.Grains;

/// <summary>
/// What robots and counters share: duplicate ids (a small replay window stored with the state),
/// liveness on wall-clock time (silent for 60 s = offline), telling the ward when something it
/// shows changed (and every half minute so it knows data still flows), and storing the gauge
/// state now and then. No timer of its own: the silo's <see cref="DeviceLiveness"/> sweep calls
/// <see cref="Tick"/> when a silent device must be reported offline or unstored state is old.
/// </summary>
public abstract class DeviceGrainBase<TState>(IPersistentState<TState> store, IocClock clock, DeviceLiveness liveness) : Grain, IDeviceTick
    where TState : class, new()
{
    private DeviceBeat _beat = null!;
    private long _reportedKey;
    private bool _reported;
    private long _reportedAtTicks;
    private long _savedAtTicks;
    private bool _dirty;

    protected TState State => store.State;
    protected abstract string? Ward { get; }
    protected abstract DateTimeOffset? LastHeardReal { get; set; }
    protected abstract ReplayWindow Recent { get; }

    /// <summary>A number that changes when anything the ward shows or alerts on changes.</summary>
    protected abstract long ReportKey();

    protected abstract Task Report(IWardGrain ward);

    protected bool Online => LastHeardReal is { } heard && clock.Real.GetUtcNow() - heard < liveness.OfflineAfter;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _beat = liveness.Register(this.AsReference<IDeviceTick>());
        if (LastHeardReal is { } heard) _beat.Heard(heard);
        _beat.Stored();
        // Its ward may still show it online from before this activation: the sweep checks it once.
        _beat.Shown(true);
        // Each device on a phase of its own: after a restart every device comes back within seconds, and
        // without this all of them would save (and report) in the same second, every half minute.
        _savedAtTicks = clock.Real.GetUtcNow().UtcTicks - Random.Shared.NextInt64(DeviceGrainTiming.SaveEvery.Ticks);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        liveness.Unregister(_beat);
        if (_dirty) await store.WriteStateAsync(cancellationToken);
    }

    /// <summary>False when the id was seen recently (a repeat, also across a restart).</summary>
    protected bool Remember(string eventId) => Recent.TryAdd(eventId);

    protected async Task<ApplyResult> Heard(int accepted, int duplicates)
    {
        if (accepted > 0)
        {
            var now = clock.Real.GetUtcNow();
            LastHeardReal = now;
            _dirty = true;
            _beat.Heard(now);
        }
        await Tick();
        return new ApplyResult(accepted, duplicates);
    }

    /// <summary>Reporting and saving; run after each batch, and by the sweep when one is due.</summary>
    public async Task Tick()
    {
        if (Ward is not { } ward) return;
        var now = clock.Real.GetUtcNow().UtcTicks;
        var key = ReportKey();
        var online = Online;
        if (!_reported || key != _reportedKey || (online && now - _reportedAtTicks >= DeviceGrainTiming.ReportEvery.Ticks))
        {
            await Report(GrainFactory.GetGrain<IWardGrain>(ward));
            // The first report starts the device's own phase (see OnActivateAsync): the next heartbeat comes sooner, never later.
            var phase = _reported ? 0 : Random.Shared.NextInt64(DeviceGrainTiming.ReportEvery.Ticks);
            (_reported, _reportedKey, _reportedAtTicks) = (true, key, now - phase);
            _beat.Shown(online);
        }
        if (_dirty && now - _savedAtTicks >= DeviceGrainTiming.SaveEvery.Ticks)
        {
            await store.WriteStateAsync();
            _dirty = false;
            _savedAtTicks = now;
            _beat.Stored();
        }
    }
}
