using Ioc.Grains;
using Ioc.Silo.Wards;
using Ioc.Time;

namespace Ioc.Silo.Log;

/// <summary>
/// A ward's ledger kept as its log: every batch's accepted events become log records (appended by
/// the grain's group commit, so a commit costs the batch, not the day); the ledger is rebuilt on
/// activation from the last snapshot plus the log's tail, replayed exactly as it was applied (same
/// arrival times, same estimates); snapshots are written in the background, only once every record
/// they include is durable.
/// </summary>
public sealed class WardJournal
{
    /// <summary>A snapshot after this many new records, or after <see cref="SnapshotAfter"/> with any.</summary>
    public const int SnapshotEvery = 2000;
    public static readonly TimeSpan SnapshotAfter = TimeSpan.FromMinutes(1);
    private const int ReplayPage = 5000;

    private readonly string _ward;
    private readonly IWardLog _log;
    private readonly LogRecordCodec _codec;
    private readonly long _waitTargetMillis;
    private List<LogRecord> _pending = [];
    private long _durableSeq;
    private long _snapshotSeq;
    private DateTimeOffset _snapshotAt;
    private bool _snapshotting;

    private WardJournal(string ward, IWardLog log, LogRecordCodec codec, long waitTargetMillis, WardSnapshot snapshot)
    {
        _ward = ward;
        _log = log;
        _codec = codec;
        _waitTargetMillis = waitTargetMillis;
        Ledger = snapshot.Ledger;
        Learned = snapshot.Learned;
        LastSeq = _durableSeq = _snapshotSeq = snapshot.Seq;
    }

    public WardLedger Ledger { get; }
    public ServiceTimeModel Learned { get; }
    public long LastSeq { get; private set; }
    public bool HasPending => _pending.Count > 0;

    /// <summary>
    /// The words to receiving wards the replayed tail implies: sent again after a restart, in case
    /// the state holding them was not stored (receivers keep the newest per dossier, so repeats are harmless).
    /// </summary>
    public List<TakenInNotice> ReplayedNotices { get; } = [];

    /// <summary>The last snapshot plus the tail of the log, replayed.</summary>
    public static async Task<WardJournal> Open(string ward, IWardLog log, LogRecordCodec codec, long waitTargetMillis,
        double defaultServiceSeconds, TimeSpan dueSoonWindow, DateTimeOffset now, DateTimeOffset realNow)
    {
        var stored = await log.LoadSnapshot(ward);
        var snapshot = stored is { } s ? codec.Decode<WardSnapshot>(s.Snapshot) : new WardSnapshot();
        var journal = new WardJournal(ward, log, codec, waitTargetMillis, snapshot) { _snapshotAt = realNow };
        journal.Ledger.Self = ward;
        journal.Learned.DefaultSeconds = defaultServiceSeconds;
        var started = false;
        while (true)
        {
            var page = await log.Read(ward, journal.LastSeq, ReplayPage);
            foreach (var r in page)
            {
                if (!started) journal.Ledger.EnsureReady(r.ArrivedAt, dueSoonWindow);
                started = true;
                journal.Replay(r);
            }
            if (page.Count < ReplayPage) break;
        }
        journal._durableSeq = journal.LastSeq;
        journal.Ledger.EnsureReady(now, dueSoonWindow);
        journal.Roll(now);
        journal.Ledger.ClassifyAll(now);
        return journal;
    }

    private void Replay(LogRecord r)
    {
        Roll(r.ArrivedAt);
        var changes = Ledger.Apply([r.Event], r.ArrivedAt, _waitTargetMillis, new RecordedEstimate(r.Estimate));
        Learn(changes);
        ReplayedNotices.AddRange(changes.TakenIn);
        LastSeq = r.Seq;
    }

    /// <summary>Applies a batch as it arrives; its accepted events wait in order to be appended.</summary>
    public LedgerChanges Apply(IEnumerable<BusinessEvent> events, DateTimeOffset now, IIssueEstimator estimator)
    {
        var changes = Ledger.Apply(events, now, _waitTargetMillis, estimator);
        Learn(changes);
        foreach (var e in changes.Events)
            _pending.Add(new LogRecord(++LastSeq, now, e, changes.Estimates.TryGetValue(e.EventId, out var est) ? est : null));
        return changes;
    }

    private void Learn(LedgerChanges changes)
    {
        foreach (var t in changes.Tickets) Learned.Learn(t, HanoiTime.ToLocal(t.Event.Ts).Hour);
    }

    /// <summary>Midnight in Hanoi: the ledger closes its day and the learned times weigh the past less.</summary>
    public bool Roll(DateTimeOffset now)
    {
        if (!Ledger.Roll(now)) return false;
        Learned.Roll();
        return true;
    }

    /// <summary>Appends what is pending; on failure it stays pending, in order, for the next round.</summary>
    public async Task Flush()
    {
        if (_pending.Count == 0) return;
        var batch = _pending;
        _pending = [];
        try
        {
            await _log.Append(_ward, batch);
            _durableSeq = batch[^1].Seq;
        }
        catch
        {
            batch.AddRange(_pending);
            _pending = batch;
            throw;
        }
    }

    /// <summary>
    /// Takes a snapshot when due: the state is serialized now (this turn), and written once every record
    /// it includes is durable (<paramref name="durable"/> completes after a round that covers them).
    /// </summary>
    public void SnapshotIfDue(DateTimeOffset realNow, Func<Task> durable)
    {
        if (_snapshotting || LastSeq == _snapshotSeq) return;
        if (LastSeq - _snapshotSeq < SnapshotEvery && realNow - _snapshotAt < SnapshotAfter) return;
        _snapshotting = true;
        _snapshotAt = realNow;
        var seq = LastSeq;
        var bytes = _codec.Encode(new WardSnapshot { Seq = seq, Ledger = Ledger, Learned = Learned });
        _ = Write();

        async Task Write()
        {
            try
            {
                if (_durableSeq < seq) await durable();
                await _log.SaveSnapshot(_ward, seq, bytes);
                _snapshotSeq = seq;
            }
            catch
            {
                // The next one will do: the log still holds everything since the last snapshot.
            }
            finally
            {
                _snapshotting = false;
            }
        }
    }

    /// <summary>Forgets records older than the days kept that the snapshot and every reader have passed.</summary>
    public async Task Trim(DateTimeOffset now, int keepDays, IEnumerable<string> readers)
    {
        var upTo = _snapshotSeq;
        foreach (var reader in readers) upTo = Math.Min(upTo, await _log.Position(reader, _ward));
        if (upTo > 0) await _log.Trim(_ward, upTo, now - TimeSpan.FromDays(keepDays));
    }

    /// <summary>During a replay, the estimate a ticket got is the one logged with its issue.</summary>
    private sealed class RecordedEstimate(IssueEstimate? estimate) : IIssueEstimator
    {
        public IssueEstimate? EstimateAtIssue(TicketBook book, WaitingKey ticket) => estimate;
    }
}
