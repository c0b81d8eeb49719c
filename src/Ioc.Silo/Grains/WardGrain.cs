using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Silo.Alerts;
using Ioc.Silo.History;
using Ioc.Silo.Log;
using Ioc.Silo.Wards;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Ioc.Silo.Grains;

/// <summary>
/// One ward: orchestrates its ledger (figures, kept as its log), time rules (alerts and the one timer),
/// wait estimator, projection (views) and group commit; the rules themselves are plain C# in
/// <c>Ioc.Silo.Wards</c>. Reentrant so that batches arriving while a round is being written are applied
/// at once and share the next round; every change is made within one turn, between awaits. A round
/// appends the accepted events to the log (what a 202 waits for) and, when due, the small ward state.
/// </summary>
[Reentrant]
public sealed partial class WardGrain : Grain, IWardGrain
{
    private static readonly TimeSpan SamplesSavedEvery = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StateSavedEvery = TimeSpan.FromSeconds(5);

    private readonly IPersistentState<WardState> _store;
    private readonly IPersistentState<WardMinutes> _minutes;
    private readonly IWardLog _log;
    private readonly LogRecordCodec _codec;
    private readonly IEventShipper _shipper;
    private readonly WardLogOptions _logOptions;
    private readonly IocClock _clock;
    private readonly WardDirectory _directory;
    private readonly WardRulesOptions _options;
    private readonly WardTimeRules _rules;
    private readonly DeviceAlertRules _deviceRules;
    private readonly RatingAlertRules _ratingRules = new();
    private readonly ILogger<WardGrain> _logger;
    private WardInfo _ward = null!;
    private WardJournal _journal = null!;
    private AlertBook _alerts = null!;
    private SilenceBook _silences = null!;
    private WardProjection _view = null!;
    private WaitEstimator _estimator = null!;
    private GroupCommit _commit = null!;
    private WardPublisher _live = null!;
    private IWardGrain _self = null!;
    private ITimer? _tick;
    private TransitionTimer _transitions = null!;
    private DateTimeOffset _activatedReal;
    private DateTimeOffset _samplesSavedReal, _stateSavedReal;
    private bool _dirty, _stateNow, _samplesDirty;
    private TakenInCourier _courier = null!;

    public WardGrain(
        [PersistentState("ward-state", "ioc")] IPersistentState<WardState> store,
        [PersistentState("ward-minutes", "ioc")] IPersistentState<WardMinutes> minutes,
        IWardLog log,
        LogRecordCodec codec,
        IEventShipper shipper,
        IOptions<WardLogOptions> logOptions,
        IocClock clock,
        WardDirectory directory,
        IOptions<WardRulesOptions> options,
        ILogger<WardGrain> logger)
    {
        _directory = directory;
        _logger = logger;
        _store = store;
        _minutes = minutes;
        _log = log;
        _codec = codec;
        _shipper = shipper;
        _logOptions = logOptions.Value;
        _clock = clock;
        _options = options.Value;
        _rules = new WardTimeRules(_options);
        _deviceRules = new DeviceAlertRules(_options);
    }

    private WardState S => _store.State;
    private WardLedger Ledger => _journal.Ledger;
    private DateTimeOffset Now => _clock.GetUtcNow();
    private DateTimeOffset RealNow => _clock.Real.GetUtcNow();
    private long WaitTargetMillis => (long)(_options.WaitTargetMinutes * 60_000);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ward = _directory.Find(this.GetPrimaryKeyString())
            ?? throw new ArgumentException($"Unknown ward code '{this.GetPrimaryKeyString()}'.");
        _journal = await WardJournal.Open(_ward.Code, _log, _codec, WaitTargetMillis, _options.DefaultServiceMinutes * 60,
            _rules.DueSoonWindow, Now, RealNow);
        Ledger.TakenIn = S.TakenIn;
        _courier = new TakenInCourier(S.Outbox, code => GrainFactory.GetGrain<IWardGrain>(code), () => _dirty = true);
        _courier.Owe(_journal.ReplayedNotices);
        _silences = new SilenceBook(_ward.Code, S.Alerts);
        _alerts = new AlertBook(_ward.Code, S.Alerts, () => Now, _silences);
        _view = new WardProjection(_ward, Ledger, S.Desks, _alerts);
        _estimator = new WaitEstimator(_journal.Learned, () => S.Desks.Now(Ledger.TodayTickets), () => Now);
        OpenStaffing();
        _commit = new GroupCommit(Write);
        _self = this.AsReference<IWardGrain>();
        // How often a ward reports is a transport matter: the machine's clock, whatever clocks run the
        // business and device liveness (tests hold those still).
        _live = new WardPublisher(GrainFactory.GetGrain<ICityFeedGrain>(0), TimeProvider.System, Poke, _logger);
        _transitions = new TransitionTimer(_clock, Poke);
        _activatedReal = _stateSavedReal = RealNow;
        _rules.AllDossiers(Ledger.Dossiers, _alerts);
        // Whatever the log holds beyond the shipped position reaches InfluxDB, even if nothing new comes.
        _shipper.LogGrew(_ward.Code);
        // Liveness and staleness are checked on a steady wall-clock tick; time rules on exact timers.
        var period = TimeSpan.FromSeconds(Math.Clamp(_options.DeviceOfflineSeconds / 4, 1, 15));
        _tick = _clock.Real.CreateTimer(_ => Poke(), null, period, period);
        EvaluateTime();
        CheckDevicesShownOnline();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _tick?.Dispose();
        _transitions.Dispose();
        _live.Dispose();
        if (_dirty || _samplesDirty || _commit.Writing || _journal.HasPending)
        {
            _samplesSavedReal = _stateSavedReal = DateTimeOffset.MinValue;
            await _commit.Commit();
        }
    }

    // Timer callbacks run outside the grain; they re-enter through a normal call so the grain's
    // single-threaded turn-taking holds.
    private void Poke() => _self.Wake().Ignore();

    public async Task Wake()
    {
        EvaluateTime();
        await SaveIfDirty();
        Publish();
        _courier.Deliver();
    }

    // ---- business events -----------------------------------------------------------------

    public async Task<ApplyResult> ApplyEvents(ImmutableArray<BusinessEvent> events)
    {
        EvaluateTime();
        var now = Now;
        var changes = _journal.Apply(events, now, _estimator);
        if (changes.Accepted > 0)
        {
            S.UpdatedAt = now;
            S.LastHeardReal = RealNow;
            if (changes.Dossiers.Count > 0) _rules.Dossiers(Ledger.Dossiers, _alerts, changes.Dossiers);
            if (changes.TicketsChanged) _rules.Queue(Ledger.TodayTickets, _alerts, now);
            if (changes.Ratings.Count > 0) _ratingRules.Ratings(changes.Ratings, Ledger, _alerts);
            AmendIndex(changes.AmendedDays);
            ArmTransitionTimer();
            MarkChanged();
            // Words owed to receiving wards are stored in the same round as the events.
            if (changes.TakenIn.Count > 0)
            {
                _courier.Owe(changes.TakenIn);
                _stateNow = true;
            }
            Publish();
        }
        // The 202 the device gets means "stored": answer only once a round covering these events,
        // or the one under way (or still owed) for the events they repeat, has appended them.
        if (changes.Accepted > 0 || _journal.HasPending || _commit.Writing) await _commit.Commit();
        if (changes.TakenIn.Count > 0) _courier.Deliver();
        return new ApplyResult(changes.Accepted, changes.Duplicates);
    }

    private void AmendIndex(IEnumerable<DateOnly> days)
    {
        var index = GrainFactory.GetGrain<IServiceIndexGrain>(0);
        foreach (var day in days) index.DayAmended(day).Ignore();
    }

    // ---- time rules ----------------------------------------------------------------------

    /// <summary>Applies every rule that depends on the clock; cheap unless a transition is due.</summary>
    private void EvaluateTime()
    {
        var now = Now;
        var changed = RollDay(now);
        if (_transitions.Due(now) || changed)
        {
            var moved = Ledger.Dossiers.Advance(now);
            changed |= _rules.Dossiers(Ledger.Dossiers, _alerts, moved);
            changed |= _rules.Queue(Ledger.TodayTickets, _alerts, now);
            changed |= _alerts.Release();
            ArmTransitionTimer();
        }
        // A ward never heard from counts from when this activation started.
        changed |= _rules.Stale(_alerts, RealNow - (S.LastHeardReal ?? _activatedReal), now);
        if (changed) MarkChanged();
        // A sample per business minute in which the ward was looked at or changed.
        _samplesDirty |= _minutes.State.Record(now, () => _view.Summary(S.UpdatedAt));
    }

    private bool RollDay(DateTimeOffset now)
    {
        if (!_journal.Roll(now)) return false;
        _rules.AllDossiers(Ledger.Dossiers, _alerts);
        _ratingRules.EndOfDay(_alerts);
        _ = TrimLog(now);
        return true;
    }

    /// <summary>Once a day: the log keeps what replay and late events need, and what readers have not passed.</summary>
    private async Task TrimLog(DateTimeOffset now)
    {
        try { await _journal.Trim(now, _logOptions.KeepDays, _logOptions.Readers); }
        catch (Exception) { /* tomorrow, then */ }
    }

    private void ArmTransitionTimer()
    {
        var now = Now;
        _transitions.Arm(SilenceEndFirst(_rules.NextTransition(Ledger, now), now), now);
    }

    // ---- storage and the live feed -------------------------------------------------------

    /// <summary>A round that also stores the ward state now: what people did must not wait.</summary>
    private Task Commit()
    {
        _dirty = _stateNow = true;
        return _commit.Commit();
    }

    private bool StateDue => _dirty && (_stateNow || RealNow - _stateSavedReal >= StateSavedEvery);
    private bool SamplesDue => _samplesDirty && RealNow - _samplesSavedReal >= SamplesSavedEvery;

    private Task SaveIfDirty() => StateDue || SamplesDue || _journal.HasPending ? _commit.Commit() : Task.CompletedTask;

    /// <summary>One round: the log first (it is what acknowledgements wait for), then the small states when due.</summary>
    private async Task Write()
    {
        await _journal.Flush();
        _shipper.LogGrew(_ward.Code);
        _journal.SnapshotIfDue(RealNow, _commit.Commit);
        if (SamplesDue)
        {
            _samplesDirty = false;
            _samplesSavedReal = RealNow;
            await _minutes.WriteStateAsync();
        }
        if (!StateDue) return;
        _dirty = _stateNow = false;
        _stateSavedReal = RealNow;
        try
        {
            await _store.WriteStateAsync();
        }
        catch
        {
            _dirty = true;
            throw;
        }
    }
}
