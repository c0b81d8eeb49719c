using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Silo.Grains;

/// <summary>
/// What robots and counters share: duplicate ids, liveness on wall-clock time (silent for
/// 60 s = offline), telling the ward when something it shows changed (and every half minute
/// so it knows data still flows), and storing the gauge state on a short timer.
/// </summary>
public abstract class DeviceGrainBase<TState>(IPersistentState<TState> store, IocClock clock, IOptions<WardRulesOptions> rules) : Grain
    where TState : class, new()
{
    private const int RecentIdsKept = 512;
    private static readonly TimeSpan SaveEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(30);

    // Repeated ids are remembered in memory only: a state message applied twice changes nothing.
    private readonly HashSet<ulong> _recentIds = [];
    private readonly Queue<ulong> _recentOrder = new();
    private readonly TimeSpan _offlineAfter = TimeSpan.FromSeconds(rules.Value.DeviceOfflineSeconds);
    private ITimer? _tick;
    private object? _reported;
    private DateTimeOffset _reportedAt;
    private DateTimeOffset _savedAt;
    private bool _dirty;

    protected TState State => store.State;
    protected abstract string? Ward { get; }
    protected abstract DateTimeOffset? LastHeardReal { get; set; }
    protected abstract object ReportKey();
    protected abstract Task Report(IWardGrain ward);

    protected bool Online => LastHeardReal is { } heard && clock.Real.GetUtcNow() - heard < _offlineAfter;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(Math.Clamp(_offlineAfter.TotalSeconds / 6, 1, 10));
        // Captured here: a timer thread may not touch the activation's services.
        var self = this.AsReference<IDeviceTick>();
        _tick = clock.Real.CreateTimer(_ => self.Tick().Ignore(), null, period, period);
        _savedAt = clock.Real.GetUtcNow();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _tick?.Dispose();
        if (_dirty) await store.WriteStateAsync(cancellationToken);
    }

    /// <summary>False when the id was seen recently.</summary>
    protected bool Remember(string eventId)
    {
        var h = Wards.Ids.Hash(eventId);
        if (!_recentIds.Add(h)) return false;
        _recentOrder.Enqueue(h);
        if (_recentOrder.Count > RecentIdsKept) _recentIds.Remove(_recentOrder.Dequeue());
        return true;
    }

    protected async Task<ApplyResult> Heard(int accepted, int duplicates)
    {
        if (accepted > 0)
        {
            LastHeardReal = clock.Real.GetUtcNow();
            _dirty = true;
        }
        await Tick();
        return new ApplyResult(accepted, duplicates);
    }

    /// <summary>Liveness, reporting and saving; run after each batch and on the steady tick.</summary>
    public async Task Tick()
    {
        if (Ward is not { } ward) return;
        var now = clock.Real.GetUtcNow();
        var key = ReportKey();
        if (!Equals(key, _reported) || (Online && now - _reportedAt >= ReportEvery))
        {
            await Report(GrainFactory.GetGrain<IWardGrain>(ward));
            _reported = key;
            _reportedAt = now;
        }
        if (_dirty && now - _savedAt >= SaveEvery)
        {
            await store.WriteStateAsync();
            _dirty = false;
            _savedAt = now;
        }
    }
}
