using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Ioc.Silo.Storage;

/// <summary>
/// The one writer of the grain-state file: grains hand it their writes and await them; it commits
/// whatever has queued up since its last round in one transaction (group commit). No grain thread
/// ever waits on a lock for SQLite, and a burst of a thousand writes costs one commit, not a thousand.
/// </summary>
internal sealed class SqliteStateWriter : IDisposable
{
    private const int RoundMax = 512;

    private readonly Channel<StateWrite> _queue = Channel.CreateUnbounded<StateWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public SqliteStateWriter(SqliteConnection connection, ILogger logger)
    {
        _connection = connection;
        _logger = logger;
        // The etag guard makes a stale activation's write change nothing instead of overwriting newer state.
        _upsert = SqliteStatements.Prepare(connection, """
            INSERT INTO grain_state (grain_id, state_name, etag, payload, updated_at)
            VALUES ($g, $s, 1, $p, $t)
            ON CONFLICT (grain_id, state_name) DO UPDATE SET etag = etag + 1, payload = $p, updated_at = $t
            WHERE etag = $e
            RETURNING etag
            """, "$p", "$t", "$e");
        _delete = SqliteStatements.Prepare(connection, "DELETE FROM grain_state WHERE grain_id = $g AND state_name = $s");
        _loop = Task.Run(Rounds);
    }

    /// <summary>The etag the row has after the write, or null when the expected etag was not the row's.</summary>
    public Task<long?> Write(StateWrite write)
    {
        if (!_queue.Writer.TryWrite(write)) write.Done.TrySetException(new ObjectDisposedException(nameof(SqliteGrainStorage)));
        return write.Done.Task;
    }

    private async Task Rounds()
    {
        var round = new List<StateWrite>(RoundMax);
        var results = new long?[RoundMax];
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            round.Clear();
            while (round.Count < RoundMax && _queue.Reader.TryRead(out var w)) round.Add(w);
            try
            {
                using (var tx = _connection.BeginTransaction())
                {
                    _upsert.Transaction = _delete.Transaction = tx;
                    for (var i = 0; i < round.Count; i++) results[i] = Apply(round[i]);
                    tx.Commit();
                }
                for (var i = 0; i < round.Count; i++) round[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "A round of {Count} grain state writes failed", round.Count);
                foreach (var w in round) w.Done.TrySetException(e);
            }
        }
    }

    private long? Apply(StateWrite w)
    {
        if (w.Payload is null)
        {
            SqliteStatements.Bind(_delete, w.GrainId, w.StateName);
            _delete.ExecuteNonQuery();
            return 0;
        }
        SqliteStatements.Bind(_upsert, w.GrainId, w.StateName);
        _upsert.Parameters["$p"].Value = w.Payload;
        _upsert.Parameters["$t"].Value = DateTimeOffset.UtcNow.ToString("O");
        _upsert.Parameters["$e"].Value = w.ExpectedEtag;
        // Read the statement to its end: ExecuteScalar resets it early, and SQLite then never
        // runs its automatic WAL checkpoint, so the log would grow without bound.
        long? written = null;
        using var reader = _upsert.ExecuteReader();
        while (reader.Read()) written = reader.GetInt64(0);
        return written;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        _upsert.Dispose();
        _delete.Dispose();
        _connection.Dispose();
    }
}
