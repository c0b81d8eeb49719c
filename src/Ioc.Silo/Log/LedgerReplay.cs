using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Silo.Log;

/// <summary>
/// A ward's ledger and the service times it learned, fed the way the ward feeds them: a live batch with
/// the estimator of the moment, or a log record exactly as it was applied when it arrived (its arrival
/// time, its recorded estimate, midnight passing at the same moments). The ward's journal rebuilds its
/// live ledger with it; a replay rebuilds a past day with it.
/// </summary>
public sealed class LedgerReplay(WardLedger ledger, ServiceTimeModel learned, long waitTargetMillis)
{
    private bool _started;

    public WardLedger Ledger { get; } = ledger;
    public ServiceTimeModel Learned { get; } = learned;

    /// <summary>One record as the ward applied it when it arrived.</summary>
    public LedgerChanges Replay(LogRecord r, TimeSpan dueSoonWindow)
    {
        if (!_started) Ledger.EnsureReady(r.ArrivedAt, dueSoonWindow);
        _started = true;
        Roll(r.ArrivedAt);
        return Apply([r.Event], r.ArrivedAt, new RecordedEstimate(r.Estimate));
    }

    /// <summary>A batch as it arrives now; tickets that moved teach the service times.</summary>
    public LedgerChanges Apply(IEnumerable<BusinessEvent> events, DateTimeOffset now, IIssueEstimator? estimator)
    {
        var changes = Ledger.Apply(events, now, waitTargetMillis, estimator);
        foreach (var t in changes.Tickets) Learned.Learn(t, HanoiTime.ToLocal(t.Event.Ts).Hour);
        return changes;
    }

    /// <summary>Midnight in Hanoi: the ledger closes its day and the learned times weigh the past less.</summary>
    public bool Roll(DateTimeOffset now)
    {
        var closed = Ledger.Today;
        if (!Ledger.Roll(now)) return false;
        Learned.Roll(Ledger.TicketDays.GetValueOrDefault(closed));
        return true;
    }

    /// <summary>During a replay, the estimate a ticket got is the one logged with its issue.</summary>
    private sealed class RecordedEstimate(IssueEstimate? estimate) : IIssueEstimator
    {
        public IssueEstimate? EstimateAtIssue(TicketBook book, WaitingKey ticket) => estimate;
    }
}
