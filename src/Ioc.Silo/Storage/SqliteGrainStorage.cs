using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Ioc.Silo.Storage;

/// <summary>
/// Grain state in one SQLite file: the embedded default's durable store. WAL with
/// synchronous=NORMAL survives a killed process (the WAL is in the OS's hands once a write
/// returns); only a power cut can lose the last commits. One writer, as SQLite wants it, that
/// commits queued writes together (<see cref="SqliteStateWriter"/>); reads on connections of their
/// own (one per thread), so no grain waits on another's write to read its state.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    private readonly string _name;
    private readonly string _path;
    private readonly IGrainStorageSerializer _serializer;
    private readonly ILogger<SqliteGrainStorage> _logger;
    private readonly SqliteStateWriter _writer;
    // A read runs to its end on the thread that asked (no await inside), so each thread keeps one
    // reader: no connection opened per read, none shared between threads.
    private readonly ThreadLocal<SqliteStateReader> _readers;

    public SqliteGrainStorage(string name, string databasePath, IGrainStorageSerializer serializer, ILogger<SqliteGrainStorage> logger)
    {
        _name = name;
        _serializer = serializer;
        _logger = logger;
        _path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var connection = SqliteStatements.Open(_path, readOnly: false);
        SqliteStatements.Execute(connection, "PRAGMA journal_mode=WAL;");
        SqliteStatements.Execute(connection, "PRAGMA synchronous=NORMAL;");
        SqliteStatements.Execute(connection, """
            CREATE TABLE IF NOT EXISTS grain_state (
              grain_id   TEXT    NOT NULL,
              state_name TEXT    NOT NULL,
              etag       INTEGER NOT NULL,
              payload    BLOB    NOT NULL,
              updated_at TEXT    NOT NULL,
              PRIMARY KEY (grain_id, state_name)) WITHOUT ROWID;
            """);
        _writer = new SqliteStateWriter(connection, logger);
        _readers = new ThreadLocal<SqliteStateReader>(() => new SqliteStateReader(_path), trackAllValues: true);
        _logger.LogInformation("Grain storage {Name} at {Path}", name, _path);
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_readers.Value!.Read(grainId.ToString(), stateName) is not { } found)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
        grainState.State = _serializer.Deserialize<T>(new BinaryData(found.Payload));
        grainState.ETag = found.Etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var expected = grainState.ETag is null ? -1L : long.Parse(grainState.ETag, CultureInfo.InvariantCulture);
        var written = await _writer.Write(new StateWrite(grainId.ToString(), stateName, payload, expected));
        if (written is not { } etag)
            throw new InconsistentStateException($"{_name}: state '{stateName}' of {grainId} was changed by another activation.", "unknown", grainState.ETag ?? "none");
        // A first insert returns 1; a row that existed without our knowing means another writer won.
        if (grainState.ETag is null && etag != 1)
            throw new InconsistentStateException($"{_name}: state '{stateName}' of {grainId} already exists.", "unknown", "none");
        grainState.ETag = etag.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _writer.Write(new StateWrite(grainId.ToString(), stateName, payload: null, expectedEtag: -1));
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    public void Dispose()
    {
        _writer.Dispose();
        foreach (var reader in _readers.Values) reader.Dispose();
        _readers.Dispose();
    }
}
