using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ioc.Silo.Log;

/// <summary>
/// The wards' logs in one SQLite file (the embedded default). Appends from all wards are queued and
/// written together, one transaction per round (group commit across wards). A round's rows go to a
/// table in arrival order, so a commit rewrites the table's last page or two, not a page per ward it
/// touches; every few thousand rows they move into the ward-ordered table in one transaction, many
/// rows per ward page. Until then the reads take them from memory. WAL with synchronous=NORMAL
/// survives a killed process, like the grain storage; rows staged at a kill move when the log reopens.
/// </summary>
public sealed class SqliteWardLog : IWardLog, IAsyncDisposable
{
    private const int RoundMax = 512;
    /// <summary>Staged rows moved into the ward-ordered table at once (bench/run-log-rows.sh, STAGED=).</summary>
    public const int MoveEvery = 8192;
    private readonly int _moveEvery;
    private readonly StagedRows _staged = new();
    private readonly SqliteConnection _db;
    private readonly Lock _gate = new();
    private readonly LogRecordCodec _codec;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly ILogger _logger;

    private sealed record Pending(string Ward, IReadOnlyList<byte[]> Rows, IReadOnlyList<(long Seq, long Arrived)> Keys, TaskCompletionSource Done);

    public SqliteWardLog(string path, LogRecordCodec codec, ILogger<SqliteWardLog> logger, int moveEvery = MoveEvery)
    {
        _codec = codec;
        _moveEvery = moveEvery;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS log (ward TEXT NOT NULL, seq INTEGER NOT NULL, arrived INTEGER NOT NULL, record BLOB NOT NULL,
              PRIMARY KEY (ward, seq)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS staged (id INTEGER PRIMARY KEY, ward TEXT NOT NULL, seq INTEGER NOT NULL, arrived INTEGER NOT NULL,
              record BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS snapshot (ward TEXT PRIMARY KEY, seq INTEGER NOT NULL, state BLOB NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS position (reader TEXT NOT NULL, ward TEXT NOT NULL, seq INTEGER NOT NULL,
              PRIMARY KEY (reader, ward)) WITHOUT ROWID;
            """);
        // Rows staged when the process last stopped: in place before the first read (or the log does not open).
        lock (_gate) MoveStagedRows();
        _writer = Task.Run(WriteRounds);
        logger.LogInformation("Ward log at {Path}", Path.GetFullPath(path));
    }

    public Task Append(string ward, IReadOnlyList<LogRecord> records)
    {
        if (records.Count == 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new Pending(ward, [.. records.Select(_codec.Encode)], [.. records.Select(r => (r.Seq, r.ArrivedAt.ToUnixTimeMilliseconds()))], done);
        if (!_queue.Writer.TryWrite(pending)) done.SetException(new ObjectDisposedException(nameof(SqliteWardLog)));
        return done.Task;
    }

    private async Task WriteRounds()
    {
        var round = new List<Pending>();
        var roundLast = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            round.Clear();
            roundLast.Clear();
            while (round.Count < RoundMax && _queue.Reader.TryRead(out var p)) round.Add(p);
            var failed = new Dictionary<Pending, Exception>();
            try
            {
                lock (_gate)
                {
                    using var tx = _db.BeginTransaction();
                    using var insert = Command("INSERT INTO staged (ward, seq, arrived, record) VALUES ($w, $s, $a, $r)", tx);
                    foreach (var p in round)
                    {
                        // A batch repeating a seq (a second activation of the ward) fails alone, before anything is written.
                        var last = roundLast.TryGetValue(p.Ward, out var l) ? l : LastStored(p.Ward, tx);
                        if (Repeat(p, last) is { } repeat) { failed[p] = repeat; continue; }
                        roundLast[p.Ward] = p.Keys[^1].Seq;
                        for (var i = 0; i < p.Rows.Count; i++)
                        {
                            insert.Parameters["$w"].Value = p.Ward;
                            insert.Parameters["$s"].Value = p.Keys[i].Seq;
                            insert.Parameters["$a"].Value = p.Keys[i].Arrived;
                            insert.Parameters["$r"].Value = p.Rows[i];
                            insert.ExecuteNonQuery();
                        }
                    }
                    tx.Commit();
                    foreach (var p in round)
                        if (!failed.ContainsKey(p)) _staged.Add(p.Ward, p.Rows, p.Keys);
                }
                foreach (var p in round)
                {
                    if (failed.TryGetValue(p, out var e)) p.Done.TrySetException(e);
                    else p.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Ward log round of {Count} batches failed", round.Count);
                foreach (var p in round) p.Done.TrySetException(e);
            }
            if (_staged.Count >= _moveEvery) TryMoveStaged();
        }
    }

    /// <summary>The error for a batch whose seqs are not each after the ward's last, or null.</summary>
    private static SqliteException? Repeat(Pending p, long last)
    {
        for (var i = 0; i < p.Keys.Count; last = p.Keys[i++].Seq)
            if (p.Keys[i].Seq <= last)
                return new SqliteException($"Ward {p.Ward}: seq {p.Keys[i].Seq} is not after the ward's last stored seq {last}", 19);
        return null;
    }

    /// <summary>The ward's last stored seq: known once the ward has appended, else read from the ward-ordered table.</summary>
    private long LastStored(string ward, SqliteTransaction? tx = null)
    {
        if (_staged.TryLastSeq(ward, out var seq)) return seq;
        using var cmd = Command("SELECT COALESCE(MAX(seq), 0) FROM log WHERE ward = $w", tx);
        cmd.Parameters["$w"].Value = ward;
        return (long)cmd.ExecuteScalar()!;
    }

    private void TryMoveStaged()
    {
        try
        {
            lock (_gate) MoveStagedRows();
        }
        catch (SqliteException e)
        {
            // They stay staged, and readable: the next round tries again.
            _logger.LogWarning(e, "Ward log: staged rows not moved yet");
        }
    }

    /// <summary>Moves the staged rows into the ward-ordered table, in ward and seq order, in one transaction.</summary>
    private void MoveStagedRows()
    {
        using var tx = _db.BeginTransaction();
        Execute("INSERT INTO log (ward, seq, arrived, record) SELECT ward, seq, arrived, record FROM staged ORDER BY ward, seq", tx);
        Execute("DELETE FROM staged", tx);
        tx.Commit();
        _staged.Moved();
    }

    public Task<IReadOnlyList<LogRecord>> Read(string ward, long afterSeq, int max)
    {
        var list = new List<LogRecord>();
        lock (_gate)
        {
            using var cmd = Command("SELECT record FROM log WHERE ward = $w AND seq > $s ORDER BY seq LIMIT $n");
            cmd.Parameters["$w"].Value = ward;
            cmd.Parameters["$s"].Value = afterSeq;
            cmd.Parameters["$n"].Value = max;
            using (var reader = cmd.ExecuteReader())
                while (reader.Read()) list.Add(_codec.Decode((byte[])reader.GetValue(0)));
            // Staged rows follow the moved ones: a ward's seqs only grow.
            foreach (var row in _staged.After(ward, list.Count > 0 ? list[^1].Seq : afterSeq))
            {
                if (list.Count >= max) break;
                list.Add(_codec.Decode(row.Record));
            }
        }
        return Task.FromResult<IReadOnlyList<LogRecord>>(list);
    }

    public Task<long> LastSeq(string ward)
    {
        lock (_gate) return Task.FromResult(LastStored(ward));
    }

    public Task SaveSnapshot(string ward, long seq, byte[] snapshot)
    {
        lock (_gate)
        {
            using var cmd = Command("INSERT INTO snapshot (ward, seq, state) VALUES ($w, $s, $r) ON CONFLICT (ward) DO UPDATE SET seq = $s, state = $r WHERE seq < $s");
            cmd.Parameters["$w"].Value = ward;
            cmd.Parameters["$s"].Value = seq;
            cmd.Parameters["$r"].Value = snapshot;
            cmd.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task<(long Seq, byte[] Snapshot)?> LoadSnapshot(string ward)
    {
        lock (_gate)
        {
            using var cmd = Command("SELECT seq, state FROM snapshot WHERE ward = $w");
            cmd.Parameters["$w"].Value = ward;
            using var reader = cmd.ExecuteReader();
            (long, byte[])? found = null;
            while (reader.Read()) found = (reader.GetInt64(0), (byte[])reader.GetValue(1));
            return Task.FromResult(found);
        }
    }

    public Task<long> Position(string reader, string ward) =>
        Task.FromResult(Scalar("SELECT COALESCE(MAX(seq), 0) FROM position WHERE reader = $n AND ward = $w", ward, reader));

    public Task SetPosition(string reader, string ward, long seq)
    {
        lock (_gate)
        {
            using var cmd = Command("INSERT INTO position (reader, ward, seq) VALUES ($n, $w, $s) ON CONFLICT (reader, ward) DO UPDATE SET seq = MAX(seq, $s)");
            cmd.Parameters["$n"].Value = reader;
            cmd.Parameters["$w"].Value = ward;
            cmd.Parameters["$s"].Value = seq;
            cmd.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task Trim(string ward, long upToSeq, DateTimeOffset before)
    {
        lock (_gate)
        {
            using var cmd = Command("DELETE FROM log WHERE ward = $w AND seq <= $s AND arrived < $a");
            cmd.Parameters["$w"].Value = ward;
            cmd.Parameters["$s"].Value = upToSeq;
            cmd.Parameters["$a"].Value = before.ToUnixTimeMilliseconds();
            cmd.ExecuteNonQuery();
        }
        return Task.CompletedTask;
    }

    public Task<long> StoredBytes(string ward)
    {
        lock (_gate) return Task.FromResult(_staged.StagedBytes(ward) + Scalar("SELECT COALESCE(SUM(LENGTH(record)), 0) FROM log WHERE ward = $w", ward));
    }

    private long Scalar(string sql, string ward, string? reader = null)
    {
        lock (_gate)
        {
            using var cmd = Command(sql);
            cmd.Parameters["$w"].Value = ward;
            if (reader is not null) cmd.Parameters["$n"].Value = reader;
            using var r = cmd.ExecuteReader();
            long value = 0;
            // Read to the end: a statement left half-read keeps SQLite from checkpointing its WAL.
            while (r.Read()) value = r.GetInt64(0);
            return value;
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx = null)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var p in new[] { "$w", "$s", "$a", "$r", "$n" })
            if (sql.Contains(p, StringComparison.Ordinal)) cmd.Parameters.Add(new SqliteParameter { ParameterName = p });
        return cmd;
    }

    private void Execute(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        cmd.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        lock (_gate) _db.Dispose();
    }
}
