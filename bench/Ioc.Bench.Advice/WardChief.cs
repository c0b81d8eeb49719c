using Ioc.Grains;
using Ioc.Silo.Log;
using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;
using Ioc.Simulator;
using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Time;

namespace Ioc.Bench.Advice;

/// <summary>
/// One ward as the center runs it, without Orleans: the production ledger, learned service times and arrivals,
/// desk board and staffing advice board (<see cref="AdviceBoard"/>, <see cref="StaffingAdvisor"/>), fed what the
/// network delivers. When <see cref="Following"/>, its chief looks at the advice and accepts the best one shown.
/// </summary>
internal sealed class WardChief
{
    private const long TargetMillis = 15 * 60_000;
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);
    private readonly DeskBoard _desks = new();
    // The ward's own ledger and learning, midnight included, fed as the ward feeds them.
    private readonly LedgerReplay _ward = new(new WardLedger(), new ServiceTimeModel { DefaultSeconds = 480 }, TargetMillis);
    private readonly AdviceBoard _board;
    private readonly BusinessClock _clock;
    private bool _started;

    public WardChief(string ward, StaffingAdvisor advisor, BusinessClock clock)
    {
        Ward = ward;
        _clock = clock;
        _board = new AdviceBoard(ward, advisor, new AdviceLedger(), _ward.Learned,
            () => (Tickets.Waiting, _desks.Now(Tickets)), () => clock.Now, clock);
    }

    public string Ward { get; }

    private TicketBook Tickets => _ward.Ledger.TodayTickets;

    public bool Following { get; set; }

    /// <summary>The kinds of advice the chief accepts (a chief with no clerk to spare only moves desks).</summary>
    public IReadOnlySet<string> Accepts { get; set; } = new HashSet<string>([AdviceKinds.OpenDesk, AdviceKinds.MoveDesk], StringComparer.Ordinal);

    /// <summary>The advice accepted, as the board recorded it.</summary>
    public List<AcceptedAdvice> Accepted { get; } = [];

    public void Deliver(DateTimeOffset at, IEnumerable<SimEvent> events)
    {
        if (!_started) { _ward.Ledger.EnsureReady(at, Window); _started = true; }
        _ward.Roll(at);
        var business = new List<BusinessEvent>();
        foreach (var e in events)
        {
            if (e.Type == EventTypes.CounterState) _desks.Report(e.ToCounterView(), at);
            else if (!e.IsState) business.Add(e.ToBusinessEvent());
        }
        if (business.Count > 0) _ward.Apply(business, at, estimator: null);
    }

    /// <summary>The chief looks at the ward page: the best advice shown is accepted and becomes an order to the desk.</summary>
    public StaffingOrder? Look()
    {
        if (!Following || Tickets.Waiting.Count == 0) return null;
        var best = _board.Current().Advice.FirstOrDefault(a => Accepts.Contains(a.Kind));
        if (best is null) return null;
        var result = _board.Accept(best.Id, "chief." + Ward);
        if (result is not { Outcome: AdviceOutcome.Accepted, Accepted: { } a }) return null;
        Accepted.Add(a);
        return new StaffingOrder(Ward, a.Advice.Desk, a.Advice.Serves, a.Advice.Until);
    }
}
