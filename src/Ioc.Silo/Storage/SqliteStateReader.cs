using Microsoft.Data.Sqlite;

namespace Ioc.Silo.Storage;

/// <summary>
/// A read-only connection with its statement ready. The storage keeps a few and lends one to each
/// read, so reads run beside each other and beside the writer (WAL lets readers see the last commit).
/// </summary>
internal sealed class SqliteStateReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;

    public SqliteStateReader(string databasePath)
    {
        _connection = SqliteStatements.Open(databasePath, readOnly: true);
        _read = SqliteStatements.Prepare(_connection, "SELECT etag, payload FROM grain_state WHERE grain_id = $g AND state_name = $s");
    }

    /// <summary>The row's etag and payload, or null when there is none.</summary>
    public (long Etag, byte[] Payload)? Read(string grainId, string stateName)
    {
        SqliteStatements.Bind(_read, grainId, stateName);
        using var reader = _read.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), (byte[])reader.GetValue(1)) : null;
    }

    public void Dispose()
    {
        _read.Dispose();
        _connection.Dispose();
    }
}
