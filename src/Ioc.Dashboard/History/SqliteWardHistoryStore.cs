using Ioc.Grains;
using Ioc.Time;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.History;

/// <summary>
/// The embedded default's history: one sample per ward and business minute in <c>{DataPath}/history.db</c>,
/// kept <see cref="HistoryOptions.KeepDays"/> days (older minutes are deleted when the Hanoi day changes).
/// The first record in a minute is kept, as the ward grain keeps its first look in a minute. Reads take the
/// grain's own minute samples for its last 24 hours where it has them (the freshest, and what the ward saw),
/// and this file's for the rest, and cut the buckets once from both (<see cref="HistoryQuery.Means"/>).
/// </summary>
public sealed class SqliteWardHistoryStore : IWardHistoryStore, IDisposable
{
    public const string FileName = "history.db";
    private static readonly TimeSpan GrainWindow = TimeSpan.FromHours(24);

    private readonly IGrainFactory _grains;
    private readonly IocClock _clock;
    private readonly int _keepDays;
    private readonly ILogger<SqliteWardHistoryStore> _logger;
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private long _lastMinute = long.MinValue;
    private DateOnly _prunedFor;
    private bool _disposed;

    public SqliteWardHistoryStore(string path, IGrainFactory grains, IocClock clock, IOptions<HistoryOptions> options, ILogger<SqliteWardHistoryStore> logger)
    {
        _grains = grains;
        _clock = clock;
        _keepDays = options.Value.KeepDays;
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        _connection.Open();
        // As the grain storage: WAL and synchronous=NORMAL survive a killed process.
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=NORMAL;");
        Execute("""
            CREATE TABLE IF NOT EXISTS ward_minute (
              ward          TEXT    NOT NULL,
              minute        INTEGER NOT NULL, -- minutes since the Unix epoch (UTC), business clock
              waiting       INTEGER NOT NULL,
              avg_wait      REAL,
              counters_open INTEGER NOT NULL,
              robots_online INTEGER NOT NULL,
              overdue       INTEGER NOT NULL,
              due_soon      INTEGER NOT NULL,
              PRIMARY KEY (ward, minute)) WITHOUT ROWID;
            """);
        _logger.LogInformation("Ward history at {Path}, kept {Days} days", Path, _keepDays);
    }

    public string Path { get; }

    public string Source => HistoryEndpoints.SqliteSource;

    public Task Record(IReadOnlyList<WardSummary> wards, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var minute = MinuteOf(at);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (minute == _lastMinute) return Task.CompletedTask;
            using (var tx = _connection.BeginTransaction())
            {
                using var insert = _connection.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = """
                    INSERT OR IGNORE INTO ward_minute (ward, minute, waiting, avg_wait, counters_open, robots_online, overdue, due_soon)
                    VALUES ($w, $m, $waiting, $avg, $counters, $robots, $overdue, $dueSoon)
                    """;
                var p = new[] { "$w", "$m", "$waiting", "$avg", "$counters", "$robots", "$overdue", "$dueSoon" }
                    .ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
                p["$m"].Value = minute;
                foreach (var w in wards)
                {
                    p["$w"].Value = w.Code;
                    p["$waiting"].Value = w.Waiting;
                    p["$avg"].Value = w.AvgWaitSeconds is { } avg ? avg : DBNull.Value;
                    p["$counters"].Value = w.CountersOpen;
                    p["$robots"].Value = w.RobotsOnline;
                    p["$overdue"].Value = w.Dossiers.Overdue;
                    p["$dueSoon"].Value = w.Dossiers.DueSoon;
                    insert.ExecuteNonQuery();
                }
                tx.Commit();
            }
            _lastMinute = minute;
            if (HanoiTime.DayOf(at) != _prunedFor)
            {
                _prunedFor = HanoiTime.DayOf(at);
                Prune(at, wards.Select(w => w.Code));
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Deletes the minutes before the first kept day (<see cref="HistoryOptions.KeepDays"/> before today, Hanoi).</summary>
    private void Prune(DateTimeOffset now, IEnumerable<string> wards)
    {
        var cut = MinuteOf(HanoiTime.StartOf(HanoiTime.DayOf(now).AddDays(-_keepDays)));
        using var delete = _connection.CreateCommand();
        // Ward by ward, so the primary key finds the rows (no second index on the minute).
        delete.CommandText = "DELETE FROM ward_minute WHERE ward = $w AND minute < $cut";
        var w = delete.Parameters.Add(new SqliteParameter { ParameterName = "$w" });
        delete.Parameters.AddWithValue("$cut", cut);
        var deleted = 0;
        foreach (var code in wards)
        {
            w.Value = code;
            deleted += delete.ExecuteNonQuery();
        }
        if (deleted > 0) _logger.LogInformation("Ward history: {Rows} minute samples older than {Days} days deleted", deleted, _keepDays);
    }

    /// <summary>The samples this file holds for a ward in [from, to), oldest first.</summary>
    public IReadOnlyList<WardSample> Samples(string ward, DateTimeOffset from, DateTimeOffset to)
    {
        var samples = new List<WardSample>();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var query = _connection.CreateCommand();
            query.CommandText = """
                SELECT minute, waiting, avg_wait, counters_open, robots_online, overdue, due_soon FROM ward_minute
                WHERE ward = $w AND minute >= $from AND minute < $to ORDER BY minute
                """;
            query.Parameters.AddWithValue("$w", ward);
            query.Parameters.AddWithValue("$from", MinuteOf(from));
            query.Parameters.AddWithValue("$to", MinuteOf(to) + 1);
            using var r = query.ExecuteReader();
            while (r.Read())
            {
                var at = DateTimeOffset.UnixEpoch + TimeSpan.FromMinutes(r.GetInt64(0));
                if (at < from || at >= to) continue;
                samples.Add(new WardSample(at, r.GetInt32(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6)));
            }
        }
        return samples;
    }

    public async Task<IReadOnlyList<HistoryPoint>> Read(
        string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default)
    {
        if (to <= from) return [];
        IReadOnlyList<WardSample> kept;
        try
        {
            kept = Samples(ward, from, to);
        }
        catch (Exception e) when (e is SqliteException or ObjectDisposedException)
        {
            throw new HistoryUnavailableException($"The ward history file could not be read: {e.Message}", e);
        }

        var byMinute = kept.ToDictionary(s => s.At);
        if (to > _clock.GetUtcNow() - GrainWindow)
        {
            var history = await _grains.GetGrain<IWardGrain>(ward).GetHistory();
            foreach (var s in history.Minutes) byMinute[s.At] = s;
        }
        return HistoryQuery.Means(byMinute.Values.OrderBy(s => s.At), metric, from, to, step);
    }

    private static long MinuteOf(DateTimeOffset t) => (long)Math.Floor((t - DateTimeOffset.UnixEpoch).TotalMinutes);

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
            if (_disposed) return;
            _disposed = true;
            _connection.Dispose();
        }
    }
}
