using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Ioc.Dashboard.Audit;

/// <summary>
/// The audit trail: an append-only SQLite table in the data folder (<c>audit.db</c>). The center
/// only ever inserts; triggers refuse any update or delete, so a bug cannot rewrite history.
/// Written at once (a sign-in is rare next to telemetry), read newest first by admins.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();

    public AuditLog(string dataPath, TimeProvider time)
    {
        _time = time;
        Directory.CreateDirectory(dataPath);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "audit.db"), Pooling = false }.ToString());
        _db.Open();
        Execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at TEXT NOT NULL,
                action TEXT NOT NULL,
                actor TEXT NOT NULL,
                subject TEXT,
                address TEXT,
                detail TEXT);
            CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
            """);
    }

    public void Write(string action, string actor, string? subject, string? address, string? detail = null)
    {
        lock (_gate)
        {
            using var insert = _db.CreateCommand();
            insert.CommandText = "INSERT INTO audit (at, action, actor, subject, address, detail) VALUES ($at, $action, $actor, $subject, $address, $detail)";
            insert.Parameters.AddWithValue("$at", _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$action", action);
            insert.Parameters.AddWithValue("$actor", Clean(actor, 64) ?? "-");
            insert.Parameters.AddWithValue("$subject", (object?)Clean(subject, 128) ?? DBNull.Value);
            insert.Parameters.AddWithValue("$address", (object?)Clean(address, 64) ?? DBNull.Value);
            insert.Parameters.AddWithValue("$detail", (object?)Clean(detail, 256) ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Newest first: at most <paramref name="limit"/> entries older than <paramref name="before"/> (an entry id).</summary>
    public IReadOnlyList<AuditEntry> Read(long? before, int limit, string? action = null)
    {
        lock (_gate)
        {
            using var select = _db.CreateCommand();
            select.CommandText = """
                SELECT id, at, action, actor, subject, address, detail FROM audit
                WHERE ($before IS NULL OR id < $before) AND ($action IS NULL OR action = $action)
                ORDER BY id DESC LIMIT $limit
                """;
            select.Parameters.AddWithValue("$before", (object?)before ?? DBNull.Value);
            select.Parameters.AddWithValue("$action", (object?)action ?? DBNull.Value);
            select.Parameters.AddWithValue("$limit", limit);
            using var row = select.ExecuteReader();
            var entries = new List<AuditEntry>();
            while (row.Read())
                entries.Add(new AuditEntry(row.GetInt64(0), DateTimeOffset.Parse(row.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    row.GetString(2), row.GetString(3), Nullable(row, 4), Nullable(row, 5), Nullable(row, 6)));
            return entries;
        }
    }

    private static string? Nullable(SqliteDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    /// <summary>What people typed (a username at a failed sign-in) kept short and printable.</summary>
    private static string? Clean(string? s, int max)
    {
        if (s is null) return null;
        var b = new StringBuilder(Math.Min(s.Length, max));
        foreach (var rune in s.EnumerateRunes())
        {
            if (b.Length >= max) { b.Append('…'); break; }
            b.Append(Rune.IsControl(rune) ? "?" : rune.ToString());
        }
        return b.ToString();
    }

    private void Execute(string sql)
    {
        using var command = _db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _db.Dispose();
}
