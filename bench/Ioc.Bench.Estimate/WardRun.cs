using Ioc.Grains;
using Ioc.Silo.Log;
using Ioc.Silo.Wards;
using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Bench.Estimate;

/// <summary>
/// One ward as the center runs it, without Orleans: the production ledger, learned service times, desk
/// board and wait estimator, fed the simulator's deliveries in the order the network delivers them. At
/// each ticket issue it also records two simple baselines, taken at the same moment.
/// </summary>
public sealed class WardRun
{
    private const long TargetMillis = 15 * 60_000;
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly DeskBoard _desks = new();
    // The ward's own ledger and learning, midnight included, fed as the ward feeds them.
    private readonly LedgerReplay _ward = new(new WardLedger(), new ServiceTimeModel { DefaultSeconds = 480 }, TargetMillis);
    private readonly WaitEstimator _estimator;
    // The same forecast knowing the simulator's parameters: how far learning could take it.
    private readonly WaitEstimator _truth;
    private readonly Recorder _recorder;
    private DateTimeOffset _now;
    private bool _started;

    private readonly WardProfile _profile;

    public WardRun(WardProfile ward, double serviceTimeCv)
    {
        Ward = ward.Code;
        _profile = ward;
        _estimator = new WaitEstimator(_ward.Learned, () => _desks.Now(Ledger.TodayTickets), () => _now);
        _truth = new WaitEstimator(TrueModel.For(ward, serviceTimeCv, _ward.Learned.LastFinish), () => _desks.Now(Ledger.TodayTickets), () => _now);
        _recorder = new Recorder(this);
    }

    public string Ward { get; }
    public WardLedger Ledger => _ward.Ledger;

    /// <summary>Baseline estimates given at each issue, by (day, ticket).</summary>
    public Dictionary<(DateOnly, string), (double? PeopleAhead, double? NoLearning, double? Truth)> Baselines { get; } = [];

    /// <summary>The hall at each issue, by (day, ticket), for the error breakdown.</summary>
    public Dictionary<(DateOnly, string), IssueFacts> Facts { get; } = [];

    /// <summary>When desks went from closed (or unknown) to open, by business time, for the error breakdown.</summary>
    public List<DateTimeOffset> Openings { get; } = [];

    private DateTimeOffset? _firstOpenToday;

    // Today's service times per service, for the baselines.
    private readonly Dictionary<string, List<double>> _todayService = new(StringComparer.Ordinal);

    public void Deliver(DateTimeOffset at, IReadOnlyList<SimEvent> events)
    {
        _now = at;
        if (!_started)
        {
            Ledger.EnsureReady(at, Window);
            _started = true;
            // The day's deliveries hold state changes, not the counters' heartbeats (every 20 s live): a ward
            // knows its desks, closed ones too, from the counter's first minute, so the run starts knowing them.
            var before = events.Count > 0 ? events.Min(e => e.Ts).AddSeconds(-1) : at;
            for (var i = 0; i < _profile.CounterCount; i++)
                _desks.Report(new CounterView(WardProfile.CounterLabel(i + 1), CounterStatuses.Closed, [.. _profile.CounterServices[i]], null, 0,
                    before < at ? before : at, true, _profile.CounterId(1)), at);
        }
        if (_ward.Roll(at)) { _todayService.Clear(); _firstOpenToday = null; }
        var business = new List<BusinessEvent>();
        foreach (var e in events)
        {
            if (e.Type == EventTypes.CounterState)
            {
                var was = _desks.Counters.TryGetValue(e.Counter!, out var old) ? old.Status : CounterStatuses.Closed;
                if (e.Status == CounterStatuses.Open && was == CounterStatuses.Closed)
                {
                    Openings.Add(e.Ts);
                    if (HanoiTime.DayOf(e.Ts) == Ledger.Today && (_firstOpenToday is null || e.Ts < _firstOpenToday)) _firstOpenToday = e.Ts;
                }
                _desks.Report(e.ToCounterView(), at);
            }
            else if (!e.IsState) business.Add(e.ToBusinessEvent());
        }
        if (business.Count == 0) return;
        var changes = _ward.Apply(business, at, _recorder);
        foreach (var t in changes.Tickets)
        {
            if (t.Before.State != TicketState.Served && t.After is { State: TicketState.Served, ServiceMillis: { } ms, Service: { } svc })
            {
                if (!_todayService.TryGetValue(svc, out var list)) _todayService[svc] = list = [];
                list.Add(ms / 1000.0);
            }
        }
    }

    private IssueFacts FactsAt(TicketBook book, WaitingKey ticket)
    {
        var mine = _desks.Counters.Values.Where(c => c.Online && (c.Services.IsEmpty || c.Services.Contains(ticket.Service))).ToList();
        var open = mine.Where(c => c.Status == CounterStatuses.Open).ToList();
        var ahead = book.Waiting.TakeWhile(k => k.CompareTo(ticket) < 0).ToList();
        var competing = ahead.Count(k => open.Any(c => c.Services.IsEmpty || c.Services.Contains(k.Service)));
        var sinceOpen = _firstOpenToday is { } first ? (ticket.IssuedAt - first).TotalMinutes : -1;
        return new IssueFacts(ahead.Count(k => k.Service == ticket.Service), competing, open.Count,
            open.Any(c => c.Services.IsEmpty || c.Services.Length > 1 && c.Services.Any(s => s != ticket.Service)),
            mine.Count(c => c.Status == CounterStatuses.Paused), mine.Count(c => c.Status == CounterStatuses.Closed), sinceOpen);
    }

    /// <summary>The production estimate, and at the same moment the baselines.</summary>
    private sealed class Recorder(WardRun run) : IIssueEstimator
    {
        public IssueEstimate? EstimateAtIssue(TicketBook book, WaitingKey ticket)
        {
            var estimate = run._estimator.EstimateAtIssue(book, ticket);
            if (run._now - ticket.IssuedAt <= WaitEstimator.FreshIssue)
            {
                var ahead = book.Waiting.TakeWhile(k => k.CompareTo(ticket) < 0).Count(k => k.Service == ticket.Service);
                var desks = run._desks.Counters.Values.Count(c => c.Online && c.Status == "open" && (c.Services.IsEmpty || c.Services.Contains(ticket.Service)));
                run._todayService.TryGetValue(ticket.Service, out var today);
                var mean = today is { Count: > 0 } ? today.Average() : 480;
                var last20 = today is { Count: > 0 } ? today.TakeLast(20).Average() : 480;
                var truth = run._truth.EstimateAtIssue(book, ticket)?.Told;
                run.Baselines[(book.Day, ticket.Label)] = desks == 0 ? (null, null, truth) : (ahead * mean / desks, (ahead + 0.5) * last20 / desks, truth);
                run.Facts[(book.Day, ticket.Label)] = run.FactsAt(book, ticket);
            }
            return estimate;
        }
    }
}
