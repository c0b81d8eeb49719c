using Ioc.Grains;
using Ioc.Silo.Wards;

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

    private readonly string _ward;
    private readonly IWardLog _log;
    private readonly LogRecordCodec _codec;
    private readonly LedgerReplay _books;
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
        _books = new LedgerReplay(snapshot.Ledger, snapshot.Learned, waitTargetMillis);
        LastSeq = _durableSeq = _snapshotSeq = snapshot.Seq;
    }

    public WardLedger Ledger => _books.Ledger;
    public ServiceTimeModel Learned => _books.Learned;
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
        await foreach (var r in log.Records(ward, journal.LastSeq))
        {
            journal.ReplayedNotices.AddRange(journal._books.Replay(r, dueSoonWindow).TakenIn);
            journal.LastSeq = r.Seq;
        }
        journal._durableSeq = journal.LastSeq;
        journal.Ledger.EnsureReady(now, dueSoonWindow);
        journal.Roll(now);
        journal.Ledger.ClassifyAll(now);
        return journal;
    }

    /// <summary>Applies a batch as it arrives; its accepted events wait in order to be appended.</summary>
    public LedgerChanges Apply(IEnumerable<BusinessEvent> events, DateTimeOffset now, IIssueEstimator estimator)
    {
        var changes = _books.Apply(events, now, estimator);
        foreach (var e in changes.Events)
            _pending.Add(new LogRecord(++LastSeq, now, e, changes.Estimates.TryGetValue(e.EventId, out var est) ? est : null));
        return changes;
    }

    /// <summary>Midnight in Hanoi: the ledger closes its day and the learned times weigh the past less.</summary>
    public bool Roll(DateTimeOffset now) => _books.Roll(now);

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
}
