using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Ioc.Silo.Storage;

/// <summary>
/// Grain state in one SQLite file: the embedded default's durable store. WAL with
/// synchronous=NORMAL survives a killed process (the WAL is in the OS's hands once a write
/// returns); only a power cut can lose the last commits. One connection, one writer at a time,
/// as SQLite wants it.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _name;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly Lock _gate = new();

    public SqliteGrainStorage(string name, string databasePath, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _serializer = serializer;
        _logger = logger;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS grain_state (
              grain_id   TEXT    NOT NULL,
              state_name TEXT    NOT NULL,
              etag       INTEGER NOT NULL,
              payload    BLOB    NOT NULL,
              updated_at TEXT    NOT NULL,
              PRIMARY KEY (grain_id, state_name)) WITHOUT ROWID;
            """);
        _read = Prepare("SELECT etag, payload FROM grain_state WHERE grain_id = $g AND state_name = $s");
        // The etag guard makes a stale activation's write fail instead of overwriting newer state.
        _upsert = Prepare("""
            INSERT INTO grain_state (grain_id, state_name, etag, payload, updated_at)
            VALUES ($g, $s, 1, $p, $t)
            ON CONFLICT (grain_id, state_name) DO UPDATE SET etag = etag + 1, payload = $p, updated_at = $t
            WHERE etag = $e
            RETURNING etag
            """, "$p", "$t", "$e");
        _delete = Prepare("DELETE FROM grain_state WHERE grain_id = $g AND state_name = $s");
        _logger.LogInformation("Grain storage {Name} at {Path}", name, Path.GetFullPath(databasePath));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            Bind(_read, grainId, stateName);
            using var reader = _read.ExecuteReader();
            if (!reader.Read())
            {
                grainState.State = Activator.CreateInstance<T>();
                grainState.ETag = null;
                grainState.RecordExists = false;
                return Task.CompletedTask;
            }
            var etag = reader.GetInt64(0);
            var bytes = (byte[])reader.GetValue(1);
            grainState.State = _serializer.Deserialize<T>(new BinaryData(bytes));
            grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        lock (_gate)
        {
            Bind(_upsert, grainId, stateName);
            _upsert.Parameters["$p"].Value = payload;
            _upsert.Parameters["$t"].Value = DateTimeOffset.UtcNow.ToString("O");
            _upsert.Parameters["$e"].Value = grainState.ETag is null ? -1L : long.Parse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture);
            // Read the statement to its end: ExecuteScalar resets it early, and SQLite then never
            // runs its automatic WAL checkpoint, so the log would grow without bound.
            long? written = null;
            using (var reader = _upsert.ExecuteReader())
            {
                while (reader.Read()) written = reader.GetInt64(0);
            }
            if (written is not { } etag)
                throw new InconsistentStateException($"{_name}: state '{stateName}' of {grainId} was changed by another activation.", "unknown", grainState.ETag ?? "none");
            // A first insert returns 1; a row that existed without our knowing means another writer won.
            if (grainState.ETag is null && etag != 1)
                throw new InconsistentStateException($"{_name}: state '{stateName}' of {grainId} already exists.", "unknown", "none");
            grainState.ETag = etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_gate)
        {
            Bind(_delete, grainId, stateName);
            _delete.ExecuteNonQuery();
            grainState.ETag = null;
            grainState.RecordExists = false;
            grainState.State = Activator.CreateInstance<T>();
        }
        return Task.CompletedTask;
    }

    private static void Bind(SqliteCommand command, GrainId grainId, string stateName)
    {
        command.Parameters["$g"].Value = grainId.ToString();
        command.Parameters["$s"].Value = stateName;
    }

    private SqliteCommand Prepare(string sql, params string[] extra)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.Add("$g", SqliteType.Text);
        command.Parameters.Add("$s", SqliteType.Text);
        foreach (var p in extra) command.Parameters.Add(new SqliteParameter { ParameterName = p });
        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _read.Dispose();
            _upsert.Dispose();
            _delete.Dispose();
            _connection.Dispose();
        }
    }
}
