using System.Collections.Immutable;
using System.Globalization;
using Ioc.Grains;
using Ioc.Telemetry;
using Ioc.Time;
using Ioc.Wards;
using Ioc.Silo.Rules;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class WardHistoryState
{
    public const int DaysKept = 62;
    [Id(0)] public List<WardSample> Minutes { get; set; } = [];
    [Id(1)] public List<DaySummary> Days { get; set; } = [];
}

/// <summary>
/// Reentrant so that batches arriving while the state is being written are applied at once and
/// share the next write (group commit): every change is made within one turn, between awaits.
/// </summary>
[Reentrant]
public sealed class WardGrain : Grain, IWardGrain
{
    private readonly IPersistentState<WardState> _store;
    // Kept apart from the ward's ledger so minute samples do not grow every acknowledged write.
    private readonly IPersistentState<WardHistoryState> _history;
    private readonly IocClock _clock;
    private readonly WardRulesOptions _rules;
    private readonly ILogger<WardGrain> _logger;
    private WardInfo _ward = null!;
    private AlertBook _alerts = null!;
    private ITimer? _transitionTimer;
    private ITimer? _tick;
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;
    private DateTimeOffset _nextTransition = DateTimeOffset.MinValue;
    private DateTimeOffset _activatedReal;
    private bool _dirty;
    private IWardGrain _self = null!;
    private ICityFeedGrain _feed = null!;
    private DateTimeOffset _feedSentReal;
    private bool _feedPending;
    private ITimer? _feedTimer;

    public WardGrain(
        [PersistentState("ward", "ioc")] IPersistentState<WardState> store,
        [PersistentState("ward-history", "ioc")] IPersistentState<WardHistoryState> history,
        IocClock clock,
        IOptions<WardRulesOptions> rules,
        ILogger<WardGrain> logger)
    {
        _store = store;
        _history = history;
        _clock = clock;
        _rules = rules.Value;
        _logger = logger;
    }

    private WardState S => _store.State;
    private DateTimeOffset Now => _clock.GetUtcNow();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ward = WardDirectory.Hanoi.Find(this.GetPrimaryKeyString())
            ?? throw new ArgumentException($"Unknown ward code '{this.GetPrimaryKeyString()}'.");
        _alerts = new AlertBook(_ward.Code, S, () => Now);
        _activatedReal = _clock.Real.GetUtcNow();
        _self = this.AsReference<IWardGrain>();
        _feed = GrainFactory.GetGrain<ICityFeedGrain>(0);
        if (S.Day == default) S.Day = HanoiTime.DayOf(Now);
        // Liveness and staleness are checked on a steady wall-clock tick; time rules on exact timers.
        var period = TimeSpan.FromSeconds(Math.Clamp(_rules.DeviceOfflineSeconds / 4, 1, 15));
        _tick = _clock.Real.CreateTimer(_ => Poke(), null, period, period);
        EvaluateTime();
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _tick?.Dispose();
        _transitionTimer?.Dispose();
        _feedTimer?.Dispose();
        if (_dirty || _historyDirty || _writing) await Commit(forceHistory: true);
    }

    // Timer callbacks run outside the grain; they re-enter through a normal call so the grain's
    // single-threaded turn-taking holds.
    private void Poke() => _self.Wake().Ignore();

    public async Task Wake()
    {
        EvaluateTime();
        await SaveIfDirty();
        Publish();
    }

    public async Task<int> EscalateUnacknowledged(TimeSpan unacknowledgedFor)
    {
        EvaluateTime();
        var n = _alerts.Escalate(unacknowledgedFor);
        if (n > 0) _dirty = true;
        await SaveIfDirty();
        Publish(changed: n > 0);
        return n;
    }

    public Task<WardHistory> GetHistory()
    {
        EvaluateTime();
        var h = _history.State;
        return Task.FromResult(new WardHistory(_ward.Code, [.. h.Minutes], [.. h.Days]));
    }

    public Task<DaySummary> GetToday()
    {
        EvaluateTime();
        return Task.FromResult(TodaySummary());
    }

    private DaySummary TodaySummary()
    {
        var d = S.Today;
        var now = Now;
        return new DaySummary(S.Day, d.DossiersReceived, d.DossiersReceivedOnline, d.DossiersResolvedOnTime, d.DossiersResolvedLate,
            d.TicketsIssued, d.TicketsServed, d.TicketsNoShow, d.WaitsMeasured, d.WaitSecondsSum, d.WaitSecondsMax, d.WaitsOverTarget,
            d.Ratings, d.RatingsGood, d.RatingSum, S.OpenDossiers.Values.Count(x => x.IsOverdue(now)));
    }

    public async Task<ApplyResult> ApplyEvents(ImmutableArray<BusinessEvent> events)
    {
        EvaluateTime();
        int accepted = 0, duplicates = 0;
        var dossiersTouched = false;
        var ticketsTouched = false;
        foreach (var e in events)
        {
            var h = EventIds.Hash(e.EventId);
            if (S.SeenToday.Contains(h) || S.SeenYesterday.Contains(h)) { duplicates++; continue; }
            S.SeenToday.Add(h);
            accepted++;
            if (e.Type.StartsWith("dossier.", StringComparison.Ordinal)) { ApplyDossier(e); dossiersTouched = true; }
            else if (e.Type.StartsWith("ticket.", StringComparison.Ordinal)) { ApplyTicket(e); ticketsTouched = true; }
            else if (e.Type == EventTypes.RatingSubmitted) ApplyRating(e);
        }
        if (accepted > 0)
        {
            S.UpdatedAt = Now;
            S.LastHeardReal = _clock.Real.GetUtcNow();
            if (dossiersTouched) EvaluateDossiers(Now);
            if (ticketsTouched) EvaluateQueue(Now);
            ArmTransitionTimer();
            Publish(changed: true);
        }
        // The 202 the device gets means "stored": answer only once a write covering these events,
        // or the one already under way for the events they repeat, has finished.
        if (accepted > 0 || _writing) await Commit();
        return new ApplyResult(accepted, duplicates);
    }

    private bool CountsToday(DateTimeOffset ts) => HanoiTime.DayOf(ts) == S.Day;

    private void ApplyTicket(BusinessEvent e)
    {
        var label = e.Ticket!;
        S.Tickets.TryGetValue(label, out var t);
        switch (e.Type)
        {
            case EventTypes.TicketIssued:
                if (CountsToday(e.Ts)) S.Today.TicketsIssued++;
                if (t is null)
                {
                    S.Tickets[label] = new TicketRecord
                    {
                        Ticket = label, Service = e.Service, Channel = e.Channel, IssuedAt = e.Ts,
                        // What the robot shows the citizen now, before this ticket joins the queue.
                        EstimatedWaitSeconds = Estimate(e.Service!).EstimatedWaitSeconds,
                    };
                }
                else
                {
                    // The desk's call arrived before the robot's issue: complete the ticket now.
                    t.Service ??= e.Service;
                    t.Channel ??= e.Channel;
                    t.IssuedAt = e.Ts;
                    if (t.CalledAt is { } calledAt) MeasureWait(t, calledAt);
                }
                break;
            case EventTypes.TicketCalled:
                if (CountsToday(e.Ts)) S.Today.TicketsCalled++;
                t ??= S.Tickets[label] = new TicketRecord { Ticket = label };
                t.CalledAt = e.Ts;
                t.Counter = e.Counter;
                Desk(e.Counter!).CurrentTicket = label;
                if (t.IssuedAt is not null) MeasureWait(t, e.Ts);
                break;
            case EventTypes.TicketServed:
                if (CountsToday(e.Ts))
                {
                    S.Today.TicketsServed++;
                    Desk(e.Counter!).ServedToday++;
                }
                if (t?.CalledAt is { } called && t.Service is { } service && e.Ts > called)
                    RecordServiceTime(service, (e.Ts - called).TotalSeconds);
                FinishAtDesk(e.Counter!, label);
                S.Tickets.Remove(label);
                break;
            case EventTypes.TicketNoShow:
                if (CountsToday(e.Ts)) S.Today.TicketsNoShow++;
                FinishAtDesk(e.Counter!, label);
                S.Tickets.Remove(label);
                break;
        }
    }

    private void MeasureWait(TicketRecord t, DateTimeOffset calledAt)
    {
        var wait = Math.Max(0, (calledAt - t.IssuedAt!.Value).TotalSeconds);
        if (!CountsToday(calledAt)) return;
        var d = S.Today;
        d.WaitsMeasured++;
        d.WaitSecondsSum += wait;
        d.WaitSecondsMax = Math.Max(d.WaitSecondsMax, wait);
        if (wait > _rules.WaitTargetMinutes * 60) d.WaitsOverTarget++;
        d.WaitHistogram[Math.Min(d.WaitHistogram.Length - 1, (int)(wait / 300))]++;
        if (t.EstimatedWaitSeconds is { } est)
        {
            d.EstimatesCompared++;
            d.EstimateAbsErrorSum += Math.Abs(est - wait);
        }
    }

    private DeskTally Desk(string counter) =>
        S.Desks.TryGetValue(counter, out var d) ? d : S.Desks[counter] = new DeskTally();

    private void FinishAtDesk(string counter, string ticket)
    {
        var desk = Desk(counter);
        if (desk.CurrentTicket == ticket) desk.CurrentTicket = null;
    }

    private void RecordServiceTime(string service, double seconds)
    {
        if (!S.RecentServiceSeconds.TryGetValue(service, out var list))
            S.RecentServiceSeconds[service] = list = [];
        list.Add(seconds);
        if (list.Count > _rules.ServiceTimeWindow) list.RemoveRange(0, list.Count - _rules.ServiceTimeWindow);
    }

    private void ApplyRating(BusinessEvent e)
    {
        if (!CountsToday(e.Ts)) return;
        var score = e.Score!.Value;
        S.Today.Ratings++;
        S.Today.RatingSum += score;
        if (score >= 4) S.Today.RatingsGood++;
    }

    private void ApplyDossier(BusinessEvent e)
    {
        var id = e.Dossier!;
        S.OpenDossiers.TryGetValue(id, out var d);
        switch (e.Type)
        {
            case EventTypes.DossierReceived:
                if (CountsToday(e.Ts))
                {
                    S.Today.DossiersReceived++;
                    if (e.Channel == "online") S.Today.DossiersReceivedOnline++;
                }
                if (d is null)
                    S.OpenDossiers[id] = new DossierRecord
                    {
                        Dossier = id, Procedure = e.Procedure!, Service = e.Service!, Channel = e.Channel,
                        ReceivedAt = e.Ts, DueAt = e.DueAt!.Value,
                    };
                break;
            case EventTypes.DossierPaused:
                if (d is { PausedAt: null }) d.PausedAt = e.Ts;
                break;
            case EventTypes.DossierResumed:
                if (d?.PausedAt is { } pausedAt)
                {
                    if (e.Ts > pausedAt) d.DueAt += e.Ts - pausedAt;
                    d.PausedAt = null;
                }
                break;
            case EventTypes.DossierResolved:
                if (d is null) break;
                var onTime = e.Ts <= d.EffectiveDueAt(e.Ts);
                if (CountsToday(e.Ts))
                {
                    if (onTime) S.Today.DossiersResolvedOnTime++;
                    else S.Today.DossiersResolvedLate++;
                }
                S.OpenDossiers.Remove(id);
                break;
        }
    }

    // ---- time rules ------------------------------------------------------------------------

    /// <summary>Applies every rule that depends on the clock; cheap unless a transition is due.</summary>
    private void EvaluateTime()
    {
        var now = Now;
        var changed = RollDay(now);
        if (now >= _nextTransition || changed || Interlocked.Exchange(ref _transitionFired, 0) == 1)
        {
            _armedFor = DateTimeOffset.MaxValue;
            changed |= EvaluateDossiers(now);
            changed |= EvaluateQueue(now);
            ArmTransitionTimer();
        }
        changed |= EvaluateStale(now);
        if (changed)
        {
            _dirty = true;
            _summaryChanged = true;
        }
        Sample(now);
    }

    private bool _historyDirty;
    private DateTimeOffset _historySavedReal;

    /// <summary>A sample per business minute in which the ward was looked at or changed; stored every few minutes.</summary>
    private void Sample(DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var minutes = _history.State.Minutes;
        if (minutes.Count > 0 && minutes[^1].At >= minute) return;
        var s = BuildSummary(now);
        minutes.Add(new WardSample(minute, s.Waiting, s.AvgWaitSeconds, s.CountersOpen, s.RobotsOnline, s.Dossiers.Overdue, s.Dossiers.DueSoon));
        var cut = minutes.FindIndex(m => m.At > now - TimeSpan.FromHours(24));
        if (cut > 0) minutes.RemoveRange(0, cut);
        _historyDirty = true;
    }

    private bool HistoryDue(bool force) =>
        _historyDirty && (force || _clock.Real.GetUtcNow() - _historySavedReal >= TimeSpan.FromMinutes(2) || _history.State.Days.Count != _savedDays);

    private int _savedDays = -1;

    // ---- group commit ----------------------------------------------------------------------

    private TaskCompletionSource? _nextRound;
    private bool _writing;
    private bool _forceHistory;

    /// <summary>
    /// Completes when a write that started after this call has stored the state. Calls made while a
    /// write is under way share the next one, so a busy ward writes once per round, not once per batch.
    /// </summary>
    private Task Commit(bool forceHistory = false)
    {
        _dirty = true;
        _forceHistory |= forceHistory;
        var round = _nextRound ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing) _ = WriteRounds();
        return round.Task;
    }

    private async Task WriteRounds()
    {
        _writing = true;
        try
        {
            while (_nextRound is { } round)
            {
                _nextRound = null;
                try
                {
                    // A closed day's summary goes first, so a crash in between cannot lose it.
                    if (HistoryDue(_forceHistory))
                    {
                        _historyDirty = false;
                        _forceHistory = false;
                        _savedDays = _history.State.Days.Count;
                        _historySavedReal = _clock.Real.GetUtcNow();
                        await _history.WriteStateAsync();
                    }
                    _dirty = false;
                    await _store.WriteStateAsync();
                    round.SetResult();
                }
                catch (Exception e)
                {
                    _dirty = true;
                    _historyDirty = true;
                    round.SetException(e);
                }
            }
        }
        finally
        {
            _writing = false;
        }
    }

    private bool RollDay(DateTimeOffset now)
    {
        var today = HanoiTime.DayOf(now);
        if (today <= S.Day) return false;
        // Day close: the finished day is kept (rankings, reports) before "today" starts again.
        var days = _history.State.Days;
        days.RemoveAll(d => d.Day == S.Day);
        days.Add(TodaySummary());
        if (days.Count > WardHistoryState.DaysKept) days.RemoveRange(0, days.Count - WardHistoryState.DaysKept);
        _historyDirty = true;
        S.SeenYesterday = today.DayNumber - S.Day.DayNumber == 1 ? S.SeenToday : [];
        S.SeenToday = [];
        S.Day = today;
        S.Today = new DayTally();
        // Tickets are valid for the day they were issued on; the queue starts empty each morning.
        S.Tickets.Clear();
        foreach (var desk in S.Desks.Values) { desk.ServedToday = 0; desk.CurrentTicket = null; }
        return true;
    }

    private TimeSpan DueSoonWindow => TimeSpan.FromHours(_rules.DueSoonHours);

    private bool EvaluateDossiers(DateTimeOffset now)
    {
        var changed = false;
        var dueSoon = 0;
        foreach (var d in S.OpenDossiers.Values)
        {
            if (d.IsOverdue(now))
                changed |= _alerts.Raise($"{AlertKinds.DossierOverdue}:{d.Dossier}", AlertKinds.DossierOverdue, AlertSeverities.Critical,
                    $"Hồ sơ {d.Dossier} quá hạn ({d.Procedure}), hạn {HanoiTime.ToLocal(d.DueAt):dd/MM HH:mm}", d.Dossier);
            else if (d.PausedAt is null && d.DueAt - now <= DueSoonWindow)
                dueSoon++;
        }
        changed |= _alerts.ClearWhere(a => a.Subject is { } id && S.OpenDossiers.TryGetValue(id, out var d) && d.IsOverdue(now), AlertKinds.DossierOverdue);
        changed |= dueSoon > 0
            // Information only: most dossiers pass through their last day; the overdue ones are what is critical.
            ? _alerts.Raise(AlertKinds.DossierDueSoon, AlertKinds.DossierDueSoon, AlertSeverities.Info,
                $"{dueSoon} hồ sơ sắp đến hạn trong {_rules.DueSoonHours:0} giờ")
            : _alerts.Clear(AlertKinds.DossierDueSoon);
        return changed;
    }

    private bool EvaluateQueue(DateTimeOffset now)
    {
        var waiting = 0;
        DateTimeOffset? oldest = null;
        foreach (var t in S.Tickets.Values)
        {
            if (!t.Waiting) continue;
            waiting++;
            if (t.IssuedAt is { } at && (oldest is null || at < oldest)) oldest = at;
        }
        var changed = waiting >= _rules.QueueWarning
            ? _alerts.Raise(AlertKinds.QueueLong, AlertKinds.QueueLong,
                waiting >= _rules.QueueCritical ? AlertSeverities.Critical : AlertSeverities.Warning,
                $"Hàng chờ dài: {waiting} người đang chờ")
            : _alerts.Clear(AlertKinds.QueueLong);
        var oldestMinutes = oldest is { } o ? (now - o).TotalMinutes : 0;
        changed |= oldestMinutes >= _rules.WaitWarningMinutes
            ? _alerts.Raise(AlertKinds.WaitLong, AlertKinds.WaitLong,
                oldestMinutes >= _rules.WaitCriticalMinutes ? AlertSeverities.Critical : AlertSeverities.Warning,
                $"Có người chờ quá {(oldestMinutes >= _rules.WaitCriticalMinutes ? _rules.WaitCriticalMinutes : _rules.WaitWarningMinutes):0} phút")
            : _alerts.Clear(AlertKinds.WaitLong);
        return changed;
    }

    private bool EvaluateStale(DateTimeOffset now)
    {
        // A ward never heard from counts from when this activation started.
        var heard = S.LastHeardReal ?? _activatedReal;
        var silent = _clock.Real.GetUtcNow() - heard;
        return HanoiTime.IsOfficeHours(now) && silent >= TimeSpan.FromMinutes(_rules.WardStaleMinutes)
            ? _alerts.Raise(AlertKinds.WardStale, AlertKinds.WardStale, AlertSeverities.Warning,
                $"Không nhận dữ liệu từ {_ward.FullName} trong {_rules.WardStaleMinutes:0} phút")
            : _alerts.Clear(AlertKinds.WardStale);
    }

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);
    private int _transitionFired;

    /// <summary>One timer, set to the next instant a rule can change its answer.</summary>
    private void ArmTransitionTimer()
    {
        var now = Now;
        var next = HanoiTime.NextMidnight(now);
        void Consider(DateTimeOffset when)
        {
            if (when > now && when < next) next = when;
        }
        foreach (var d in S.OpenDossiers.Values)
        {
            if (d.PausedAt is not null) continue;
            // Overdue strictly after the due time (resolving at dueAt is on time); due soon from the window's start.
            Consider(d.DueAt + Tick);
            Consider(d.DueAt - DueSoonWindow);
        }
        foreach (var t in S.Tickets.Values)
        {
            if (!t.Waiting || t.IssuedAt is not { } at) continue;
            Consider(at.AddMinutes(_rules.WaitWarningMinutes));
            Consider(at.AddMinutes(_rules.WaitCriticalMinutes));
        }
        _nextTransition = next;
        if (next == _armedFor) return;
        _armedFor = next;
        _transitionTimer?.Dispose();
        _transitionTimer = _clock.CreateTimer(_ =>
        {
            // A sped-up clock's timer can fire a hair early; the flag makes the next turn re-arm anyway.
            Interlocked.Exchange(ref _transitionFired, 1);
            Poke();
        }, null, next - now, Timeout.InfiniteTimeSpan);
    }

    // ---- live feed -----------------------------------------------------------------------

    private bool _summaryChanged;

    /// <summary>
    /// Tells the city feed about this ward: alert changes at once, the summary at most twenty times a
    /// second (a burst of events becomes one report, sent by a short timer). The feed itself holds
    /// the wall to four frames a second.
    /// </summary>
    private void Publish(bool changed = false)
    {
        foreach (var a in _alerts.TakeChanges()) _feed.AlertChanged(ToLocal(a)).Ignore();
        _summaryChanged |= changed;
        if (!_summaryChanged) return;
        var real = _clock.Real.GetUtcNow();
        var wait = _feedSentReal + FeedInterval - real;
        // A timer that fired (possibly a hair early) no longer stands for the pending report.
        if (Interlocked.Exchange(ref _feedTimerFired, 0) == 1) _feedPending = false;
        if (wait <= TimeSpan.Zero)
        {
            _feedSentReal = real;
            _summaryChanged = false;
            _feedPending = false;
            _feed.WardChanged(BuildSummary(Now)).Ignore();
        }
        else if (!_feedPending)
        {
            _feedPending = true;
            _feedTimer?.Dispose();
            _feedTimer = _clock.Real.CreateTimer(_ =>
            {
                Interlocked.Exchange(ref _feedTimerFired, 1);
                Poke();
            }, null, wait + TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);
        }
    }

    private static readonly TimeSpan FeedInterval = TimeSpan.FromMilliseconds(50);
    private int _feedTimerFired;

    private Task SaveIfDirty() => _dirty || HistoryDue(force: false) ? Commit() : Task.CompletedTask;

    // ---- devices -------------------------------------------------------------------------

    public async Task ReportRobot(RobotView robot)
    {
        S.LastHeardReal = _clock.Real.GetUtcNow();
        S.Robots[robot.DeviceId] = robot with { Trail = [] };
        var id = robot.DeviceId;
        var changed = robot.Online
            ? _alerts.Clear($"{AlertKinds.RobotOffline}:{id}")
            : _alerts.Raise($"{AlertKinds.RobotOffline}:{id}", AlertKinds.RobotOffline, AlertSeverities.Warning, $"Robot {id} mất kết nối", id);
        var charging = robot.Mode is "charging" or "docked";
        changed |= robot.Online && !charging && robot.Battery is { } b && b < _rules.BatteryWarning
            ? _alerts.Raise($"{AlertKinds.RobotBatteryLow}:{id}", AlertKinds.RobotBatteryLow,
                b < _rules.BatteryCritical ? AlertSeverities.Critical : AlertSeverities.Warning,
                $"Robot {id} sắp hết pin ({b:0}%)", id)
            : _alerts.Clear($"{AlertKinds.RobotBatteryLow}:{id}");
        changed |= robot.Mode switch
        {
            // An emergency stop must be confirmed by a person before the alert goes away.
            "emergency" => _alerts.Raise($"{AlertKinds.RobotError}:{id}", AlertKinds.RobotError, AlertSeverities.Critical,
                $"Robot {id} dừng khẩn cấp{Detail(robot.Issue)}", id, needsConfirmation: true),
            "error" => _alerts.Raise($"{AlertKinds.RobotError}:{id}", AlertKinds.RobotError, AlertSeverities.Warning,
                $"Robot {id} báo lỗi{Detail(robot.Issue)}", id),
            _ => _alerts.Clear($"{AlertKinds.RobotError}:{id}"),
        };
        _dirty = true;
        if (changed) await SaveIfDirty();
        Publish(changed: true);
    }

    private static string Detail(string? issue) => string.IsNullOrWhiteSpace(issue) ? "" : $": {issue}";

    public async Task ReportCounter(CounterView counter)
    {
        S.LastHeardReal = _clock.Real.GetUtcNow();
        S.Counters[counter.Counter] = counter;
        if (counter.DeviceId is { } device) S.RegisteredCounters.Add(device);
        var cause = $"{AlertKinds.CounterOffline}:{counter.Counter}";
        // A desk closed for the day may be switched off; only a working desk going silent matters.
        var changed = !counter.Online && counter.Status != CounterStatuses.Closed
            ? _alerts.Raise(cause, AlertKinds.CounterOffline, AlertSeverities.Warning, $"Quầy {counter.Counter} mất kết nối", counter.Counter)
            : _alerts.Clear(cause);
        _dirty = true;
        if (changed) await SaveIfDirty();
        Publish(changed: true);
    }

    public async Task RegisterDevice(string deviceId, string kind)
    {
        var added = kind switch
        {
            DeviceKinds.Robot => S.RegisteredRobots.Add(deviceId),
            DeviceKinds.Counter => S.RegisteredCounters.Add(deviceId),
            _ => false,
        };
        if (added)
        {
            await Commit();
            Publish(changed: true);
        }
    }

    // ---- reads ---------------------------------------------------------------------------

    public async Task<WardSummary> GetSummary()
    {
        EvaluateTime();
        await SaveIfDirty();
        Publish();
        return BuildSummary(Now);
    }

    private WardSummary BuildSummary(DateTimeOffset now) => Fill(new WardSummary
    {
        Code = _ward.Code, Name = _ward.Name, Type = _ward.Type, Status = "ok", Dossiers = null!, Day = "",
    }, now);

    /// <summary>Sets the summary fields on a summary or a detail.</summary>
    private T Fill<T>(T blank, DateTimeOffset now) where T : WardSummary
    {
        var d = S.Today;
        int overdue = 0, dueSoon = 0;
        foreach (var x in S.OpenDossiers.Values)
        {
            if (x.IsOverdue(now)) overdue++;
            else if (x.PausedAt is null && x.DueAt - now <= DueSoonWindow) dueSoon++;
        }
        var active = _alerts.Active.ToList();
        var status = active.Any(a => a.Kind == AlertKinds.WardStale) ? "stale"
            : active.Any(a => a.Severity == AlertSeverities.Critical) ? AlertSeverities.Critical
            : active.Any(a => a.Severity == AlertSeverities.Warning) ? AlertSeverities.Warning
            : "ok";
        return blank with
        {
            Status = status,
            Waiting = S.Tickets.Values.Count(t => t.Waiting),
            AvgWaitSeconds = d.WaitsMeasured > 0 ? Math.Round(d.WaitSecondsSum / d.WaitsMeasured, 1) : null,
            MaxWaitSeconds = d.WaitsMeasured > 0 ? Math.Round(d.WaitSecondsMax, 1) : null,
            CountersOpen = S.Counters.Values.Count(c => c.Online && c.Status == CounterStatuses.Open),
            RobotsOnline = S.Robots.Values.Count(r => r.Online),
            RobotsTotal = S.RegisteredRobots.Union(S.Robots.Keys).Count(),
            Dossiers = new DossierCounts(d.DossiersReceived, d.DossiersResolvedOnTime, d.DossiersResolvedLate,
                S.OpenDossiers.Count, overdue, dueSoon, d.DossiersReceivedOnline),
            Satisfaction = d.Ratings > 0 ? Math.Round((double)d.RatingSum / d.Ratings, 2) : null,
            UpdatedAt = S.UpdatedAt is { } u ? HanoiTime.ToLocal(u) : null,
            TicketsIssued = d.TicketsIssued,
            TicketsCalled = d.TicketsCalled,
            TicketsServed = d.TicketsServed,
            TicketsNoShow = d.TicketsNoShow,
            WaitsMeasured = d.WaitsMeasured,
            WaitsOverTarget = d.WaitsOverTarget,
            WaitHistogram = [.. d.WaitHistogram],
            Ratings = d.Ratings,
            RatingsGood = d.RatingsGood,
            WaitEstimateMaeSeconds = d.EstimatesCompared > 0 ? Math.Round(d.EstimateAbsErrorSum / d.EstimatesCompared, 1) : null,
            WaitEstimatesCompared = d.EstimatesCompared,
            WaitEstimateAbsErrorSum = d.EstimateAbsErrorSum,
            AlertsOpen = active.Count,
            Day = S.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    public async Task<WardDetail> GetDetail()
    {
        EvaluateTime();
        await SaveIfDirty();
        var now = Now;
        var robotIds = S.RegisteredRobots.Union(S.Robots.Keys).Order(StringComparer.Ordinal).ToList();
        var robots = await Task.WhenAll(robotIds.Select(id => GrainFactory.GetGrain<IRobotGrain>(id).GetView()));
        var desks = S.Counters.Keys.Union(S.Desks.Keys).Order(DeskOrder.Instance).Select(label =>
        {
            S.Counters.TryGetValue(label, out var c);
            S.Desks.TryGetValue(label, out var t);
            return new CounterView(label, c?.Status ?? "unknown", c?.Services ?? [], t?.CurrentTicket, t?.ServedToday ?? 0,
                c?.LastSeen, c?.Online ?? false, c?.DeviceId);
        }).ToImmutableArray();
        var services = S.Tickets.Values.Where(t => t.Waiting && t.Service is not null).Select(t => t.Service!)
            .Union(S.Counters.Values.Where(c => c.Online && c.Status == CounterStatuses.Open).SelectMany(c => c.Services))
            .Order(StringComparer.Ordinal);
        var queues = services.Select(svc =>
        {
            var waiting = S.Tickets.Values.Where(t => t.Waiting && t.Service == svc).ToList();
            var oldest = waiting.Where(t => t.IssuedAt is not null).Select(t => t.IssuedAt!.Value).DefaultIfEmpty(now).Min();
            return new QueueView(svc, waiting.Count, waiting.Count > 0 ? Math.Round((now - oldest).TotalSeconds) : null,
                Estimate(svc).EstimatedWaitSeconds);
        }).ToImmutableArray();
        var overdue = S.OpenDossiers.Values.Where(d => d.IsOverdue(now)).OrderBy(d => d.DueAt)
            .Select(d => new OverdueDossierView(d.Dossier, d.Procedure, d.Service, HanoiTime.ToLocal(d.DueAt), Math.Round((now - d.DueAt).TotalSeconds)))
            .ToImmutableArray();
        var dueSoon = S.OpenDossiers.Values.Where(d => !d.IsOverdue(now) && d.PausedAt is null && d.DueAt - now <= DueSoonWindow)
            .OrderBy(d => d.DueAt)
            .Select(d => new DueSoonDossierView(d.Dossier, d.Procedure, d.Service, HanoiTime.ToLocal(d.DueAt), Math.Round((d.DueAt - now).TotalSeconds), false))
            .ToImmutableArray();
        return Fill(new WardDetail
        {
            Code = _ward.Code, Name = _ward.Name, Type = _ward.Type, Status = "ok", Dossiers = null!, Day = "",
            Counters = desks,
            Robots = [.. robots],
            Queues = queues,
            OverdueDossiers = overdue,
            DueSoonDossiers = dueSoon,
            Alerts = [.. S.Alerts.Values.OrderByDescending(a => a.RaisedAt).Select(ToLocal)],
        }, now);
    }

    private static Alert ToLocal(Alert a) => a with
    {
        RaisedAt = HanoiTime.ToLocal(a.RaisedAt),
        AcknowledgedAt = a.AcknowledgedAt is { } k ? HanoiTime.ToLocal(k) : null,
        ResolvedAt = a.ResolvedAt is { } r ? HanoiTime.ToLocal(r) : null,
        EscalatedAt = a.EscalatedAt is { } e ? HanoiTime.ToLocal(e) : null,
    };

    public Task<WaitEstimate> EstimateWait(string service)
    {
        EvaluateTime();
        return Task.FromResult(Estimate(service));
    }

    public async Task<ImmutableArray<Alert>> GetAlerts()
    {
        EvaluateTime();
        await SaveIfDirty();
        return [.. S.Alerts.Values.OrderByDescending(a => a.RaisedAt).Select(ToLocal)];
    }

    public async Task<Alert?> AcknowledgeAlert(string alertId, string user)
    {
        var a = _alerts.Acknowledge(alertId, user);
        if (a is not null)
        {
            await Commit();
            Publish(changed: true);
        }
        return a is null ? null : ToLocal(a);
    }

    public async Task<Alert?> ResolveAlert(string alertId, string user)
    {
        var a = _alerts.Resolve(alertId, user);
        if (a is not null)
        {
            await Commit();
            Publish(changed: true);
        }
        return a is null ? null : ToLocal(a);
    }

    /// <summary>
    /// What a citizen taking a ticket now can expect: the tickets ahead shared among the desks
    /// serving the service, each taking the recent mean service time, plus half a service for
    /// the citizen already at the desk.
    /// </summary>
    private WaitEstimate Estimate(string service)
    {
        var waiting = S.Tickets.Values.Count(t => t.Waiting && t.Service == service);
        var serving = S.Counters.Values.Count(c => c.Online && c.Status == CounterStatuses.Open && (c.Services.IsEmpty || c.Services.Contains(service)));
        var recent = S.RecentServiceSeconds.TryGetValue(service, out var list) && list.Count > 0 ? list : null;
        var mean = recent?.Average() ?? _rules.DefaultServiceMinutes * 60;
        var basisMean = recent is null
            ? $"default service time {_rules.DefaultServiceMinutes:0} min"
            : $"mean of last {recent.Count} service times {mean / 60:0.0} min";
        if (serving == 0)
            return new WaitEstimate(service, waiting, 0, null, $"{waiting} waiting; no desk is serving {service} now");
        var seconds = Math.Round((waiting + 0.5) * mean / serving);
        return new WaitEstimate(service, waiting, serving, seconds, $"{waiting} waiting, {serving} desk(s) serving, {basisMean}");
    }
}

/// <summary>Desk labels in the order people read them: "2" before "10".</summary>
internal sealed class DeskOrder : IComparer<string>
{
    public static readonly DeskOrder Instance = new();

    public int Compare(string? x, string? y) =>
        int.TryParse(x, out var a) && int.TryParse(y, out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);
}
