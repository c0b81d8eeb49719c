namespace Ioc.Silo.Log;

/// <summary>
/// Each ward's business events as an append-only log, with the last snapshot of its ledger and the
/// positions its readers (the history shipper) have reached. A commit appends a batch: its cost
/// depends on the batch, not on the day. SQLite on the embedded default, Redis in a cluster.
/// </summary>
public interface IWardLog
{
    /// <summary>Stores the records (in seq order, after the ward's last one); completes once they are durable.</summary>
    Task Append(string ward, IReadOnlyList<LogRecord> records);

    /// <summary>Up to <paramref name="max"/> records after <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<LogRecord>> Read(string ward, long afterSeq, int max);

    /// <summary>The ward's last seq in the log (0 when empty).</summary>
    Task<long> LastSeq(string ward);

    Task SaveSnapshot(string ward, long seq, byte[] snapshot);

    Task<(long Seq, byte[] Snapshot)?> LoadSnapshot(string ward);

    Task<long> Position(string reader, string ward);

    Task SetPosition(string reader, string ward, long seq);

    /// <summary>Forgets records up to <paramref name="upToSeq"/> that arrived before <paramref name="before"/>.</summary>
    Task Trim(string ward, long upToSeq, DateTimeOffset before);

    /// <summary>Stored bytes of the ward's log records (for the benchmark's bytes per event).</summary>
    Task<long> StoredBytes(string ward);
}
