namespace Ioc.Silo.Log;

/// <summary>
/// The rows <see cref="SqliteWardLog"/> has stored in arrival order but not yet moved into the
/// ward-ordered table, kept in memory too so a ward's reads need no scan of them, and each ward's last
/// stored seq, so a batch repeating one is refused before its round is written. Not thread-safe: the log
/// holds its lock around every use.
/// </summary>
internal sealed class StagedRows
{
    public readonly record struct Row(long Seq, byte[] Record);

    private readonly Dictionary<string, List<Row>> _byWard = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lastSeq = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>The ward's last stored seq, if known here (every ward appended to since the log opened).</summary>
    public bool TryLastSeq(string ward, out long seq) => _lastSeq.TryGetValue(ward, out seq);

    public void Add(string ward, IReadOnlyList<byte[]> records, IReadOnlyList<(long Seq, long Arrived)> keys)
    {
        if (!_byWard.TryGetValue(ward, out var rows)) _byWard[ward] = rows = [];
        for (var i = 0; i < records.Count; i++) rows.Add(new Row(keys[i].Seq, records[i]));
        _lastSeq[ward] = keys[^1].Seq;
        Count += records.Count;
    }

    /// <summary>The ward's staged rows after <paramref name="afterSeq"/>, in seq order.</summary>
    public IEnumerable<Row> After(string ward, long afterSeq)
    {
        if (!_byWard.TryGetValue(ward, out var rows)) yield break;
        foreach (var row in rows)
            if (row.Seq > afterSeq) yield return row;
    }

    public long StagedBytes(string ward) => _byWard.TryGetValue(ward, out var rows) ? rows.Sum(r => (long)r.Record.Length) : 0;

    /// <summary>Forgets the staged rows once they are in the ward-ordered table (the last seqs stay known).</summary>
    public void Moved()
    {
        _byWard.Clear();
        Count = 0;
    }
}
