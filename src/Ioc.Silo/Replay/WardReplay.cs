using Ioc.Grains;
using Ioc.Replay;
using Ioc.Silo.Alerts;
using Ioc.Silo.Log;
using Ioc.Silo.Wards;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Silo.Replay;

/// <summary>
/// One ward's past day played again from its log. Every record that arrived before the day is applied
/// the way the ward rebuilds itself on activation (<see cref="LedgerReplay"/>); the day's records are
/// applied as the replay's clock passes their arrival, and the ward's time rules raise and clear its
/// business alerts at the moments its timers would have. Plain objects: the live ward is never asked.
/// Devices' states (desks open or closed, robots) are not business events and are not in the log, so a
/// replay has none; what desks did is still seen in the tickets they called and served.
/// </summary>
public sealed class WardReplay
{
    private readonly WardInfo _ward;
    private readonly DateOnly _day;
    private readonly IWardLog _log;
    private readonly LedgerReplay _books;
    private readonly WardTimeRules _rules;
    private readonly AlertBook _alerts;
    private readonly WardProjection _view;
    private readonly TakenInBook _takenIn = new();
    /// <summary>The records that arrived during the day, in log order.</summary>
    private readonly List<LogRecord> _today = [];
    /// <summary>The first record read past the day's end; <see cref="Figures"/> reads on from it.</summary>
    private LogRecord? _after;
    private int _next;
    private DateTimeOffset _now;
    private DateTimeOffset? _updatedAt;
    private bool _closed;

    private WardReplay(WardInfo ward, DateOnly day, IWardLog log, WardRulesOptions options)
    {
        _ward = ward;
        _day = day;
        _log = log;
        _rules = new WardTimeRules(options);
        _books = new LedgerReplay(new WardLedger(), new ServiceTimeModel { DefaultSeconds = options.DefaultServiceMinutes * 60 },
            (long)(options.WaitTargetMinutes * 60_000));
        _books.Ledger.Self = ward.Code;
        _books.Ledger.TakenIn = _takenIn;
        _alerts = new AlertBook(ward.Code, new AlertLedger(), () => _now);
        _view = new WardProjection(ward, _books.Ledger, new DeskBoard(), _alerts);
    }

    public string Code => _ward.Code;
    public DateTimeOffset Start => HanoiTime.StartOf(_day);
    public DateTimeOffset End => HanoiTime.StartOf(_day.AddDays(1));
    public DateTimeOffset Now => _now;
    /// <summary>Records that arrived during the day, and how many of them the clock has passed.</summary>
    public int Records => _today.Count;
    public int Applied => _next;
    public DateTimeOffset? FirstArrival => _today.Count > 0 ? _today[0].ArrivedAt : null;
    /// <summary>The log no longer starts at its first record: dossiers received before what it keeps are missing.</summary>
    public bool LogTrimmed { get; private set; }

    /// <summary>
    /// Words for the wards that took in this ward's dossiers, not yet handed over: the replay delivers them
    /// to those wards' replays, as the live ward's courier does (the receivers' counts are not in their own logs).
    /// </summary>
    public List<TakenInNotice> Outbox { get; } = [];

    /// <summary>A word from a responsible ward that this ward's service point took in one of its dossiers.</summary>
    public void TakeIn(DossierTakenIn notice) => _takenIn.Apply(notice);

    /// <summary>Reads the ward's log up to the day's end and stands at the day's first instant.</summary>
    public static async Task<WardReplay> Open(WardInfo ward, DateOnly day, IWardLog log, WardRulesOptions options)
    {
        var replay = new WardReplay(ward, day, log, options);
        var window = replay._rules.DueSoonWindow;
        var first = true;
        await foreach (var r in log.Records(ward.Code, 0))
        {
            if (first) replay.LogTrimmed = r.Seq > 1;
            first = false;
            if (r.ArrivedAt < replay.Start)
            {
                replay.Outbox.AddRange(replay._books.Replay(r, window).TakenIn);
                replay._updatedAt = r.ArrivedAt;
            }
            else if (r.ArrivedAt < replay.End) replay._today.Add(r);
            else
            {
                // Past the day: the rest is read only if the late figures are asked for.
                replay._after = r;
                break;
            }
        }
        replay.BeginDay(window);
        return replay;
    }

    private void BeginDay(TimeSpan window)
    {
        var ledger = _books.Ledger;
        ledger.EnsureReady(Start, window);
        _books.Roll(Start);
        ledger.ClassifyAll(Start);
        _now = Start;
        _rules.Dossiers(ledger.Dossiers, _alerts, []);
        _rules.Queue(ledger.TodayTickets, _alerts, Start);
        // Dossiers already overdue at midnight were raised when they fell due, as the ward's timer did.
        foreach (var f in ledger.Dossiers.In(DossierClass.Overdue).ToList())
        {
            _now = DossierTimeline.Of(f.Events, null).Due.AddMilliseconds(1);
            _rules.Dossiers(ledger.Dossiers, _alerts, [f.Dossier]);
        }
        _now = Start;
    }

    /// <summary>Applies the records that arrived by <paramref name="at"/> (never past the day's end) and the rules due by then.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        if (_closed) throw new InvalidOperationException("The replay was played to its late figures.");
        if (at > End) at = End;
        if (at < _now) throw new ArgumentOutOfRangeException(nameof(at), at, "A replay only moves forward; open it again for an earlier time.");
        while (_next < _today.Count && _today[_next].ArrivedAt <= at)
        {
            // The records of one batch share their arrival: applied together, the rules judged once after them.
            var arrived = _today[_next].ArrivedAt;
            RunTimersTo(arrived);
            _now = arrived;
            var (tickets, dossiers) = (false, new HashSet<string>(StringComparer.Ordinal));
            for (; _next < _today.Count && _today[_next].ArrivedAt == arrived; _next++)
            {
                var changes = _books.Replay(_today[_next], _rules.DueSoonWindow);
                Outbox.AddRange(changes.TakenIn);
                if (changes.Accepted == 0) continue;
                _updatedAt = arrived;
                tickets |= changes.TicketsChanged;
                dossiers.UnionWith(changes.Dossiers);
            }
            if (dossiers.Count > 0) _rules.Dossiers(_books.Ledger.Dossiers, _alerts, dossiers);
            if (tickets) _rules.Queue(_books.Ledger.TodayTickets, _alerts, arrived);
        }
        RunTimersTo(at);
        _now = at;
    }

    /// <summary>The ward's one timer: every instant a rule could change its answer, up to <paramref name="until"/>.</summary>
    private void RunTimersTo(DateTimeOffset until)
    {
        var ledger = _books.Ledger;
        while (_rules.NextTransition(ledger, _now) is var next && next <= until)
        {
            _now = next;
            _rules.Dossiers(ledger.Dossiers, _alerts, ledger.Dossiers.Advance(next));
            _rules.Queue(ledger.TodayTickets, _alerts, next);
        }
    }

    public WardSummary Summary() => _view.Summary(_updatedAt);

    public WardDetail Detail() => _view.Detail(_updatedAt, [], new LoggedQueueEstimate(), _now);

    public IEnumerable<Alert> ActiveAlerts => _alerts.Active;

    /// <summary>Plays the replay to midnight and closes the day; it cannot move afterwards. The day as it stood then.</summary>
    public DaySummary CloseDay()
    {
        AdvanceTo(End);
        _closed = true;
        _books.Roll(End);
        return DaySummary();
    }

    /// <summary>The day's figures as the ledger holds them now (after <see cref="ReadLate"/>: what the ward keeps for it).</summary>
    public DaySummary DaySummary() => _books.Ledger.Summary(_day);

    /// <summary>
    /// After <see cref="CloseDay"/>: applies every later record about the day (or an earlier one), as the ward
    /// amended the closed day with them; returns how many were accepted.
    /// </summary>
    public async Task<int> ReadLate()
    {
        if (!_closed) throw new InvalidOperationException("Close the day first.");
        if (_after is not { } after) return 0;
        var late = Late(after);
        await foreach (var r in _log.Records(_ward.Code, after.Seq)) late += Late(r);
        _after = null;
        return late;
    }

    /// <summary>A record that arrived after the day counts if its event belongs to the day or before.</summary>
    private int Late(LogRecord r)
    {
        if (HanoiTime.DayOf(r.Event.Ts) > _day) return 0;
        var changes = _books.Replay(r, _rules.DueSoonWindow);
        Outbox.AddRange(changes.TakenIn);
        return changes.Accepted;
    }
}
