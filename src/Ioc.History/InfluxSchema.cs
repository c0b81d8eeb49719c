using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.History;

/// <summary>
/// Database, retention policies and roll-up: raw points are kept 30 days (<c>raw</c>, the default policy)
/// and hourly means of every numeric field two years (<c>hourly</c>, fields named <c>mean_&lt;field&gt;</c>).
/// </summary>
public sealed class InfluxSchema(InfluxConnection connection, ILogger<InfluxSchema>? logger = null)
{
    public const string RawPolicy = "raw";
    public const string HourlyPolicy = "hourly";
    public const string HourlyRollupQuery = "cq_hourly";

    /// <summary>Prefix that <c>mean(*)</c> gives the fields of the hourly roll-up.</summary>
    public const string RollupFieldPrefix = "mean_";

    public static readonly TimeSpan RawRetention = TimeSpan.FromDays(30);
    public static readonly TimeSpan HourlyRetention = TimeSpan.FromDays(7 * 104);

    private readonly ILogger _logger = logger ?? NullLogger<InfluxSchema>.Instance;
    private readonly SemaphoreSlim _setup = new(1, 1);
    private volatile bool _ready;

    /// <summary>
    /// The database and (when <paramref name="retention"/>) its policies, set up once for every writer of
    /// this process before its first point: a point written before <c>raw</c> became the default policy
    /// would land in <c>autogen</c>, where no query looks. Throws while InfluxDB cannot be reached (the
    /// caller retries); a server that refuses the setup (InfluxDB 2/3) is written to as it is.
    /// </summary>
    public async Task EnsureAsync(bool retention, CancellationToken cancellationToken = default)
    {
        if (_ready) return;
        await _setup.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready) return;
            await EnsureDatabaseAsync(cancellationToken).ConfigureAwait(false);
            if (retention) await EnsureRetentionAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        catch (InfluxException ex)
        {
            // The server answered but refused (e.g. InfluxDB 2/3, where databases are buckets): retrying will not help.
            _logger.LogWarning(ex, "InfluxDB database/retention setup refused; continuing without it");
            _ready = true;
        }
        finally
        {
            _setup.Release();
        }
    }

    /// <summary>
    /// What a write was answered: a 404 means the database is gone (a fresh server), so the next
    /// <see cref="EnsureAsync"/> sets it up again; any other answer leaves the setup as it is.
    /// </summary>
    public void Answered(HttpStatusCode? status)
    {
        if (status == HttpStatusCode.NotFound) _ready = false;
    }

    /// <summary><c>CREATE DATABASE</c> (a no-op when it exists).</summary>
    public async Task EnsureDatabaseAsync(CancellationToken cancellationToken = default)
    {
        await connection.QueryAsync($"CREATE DATABASE {InfluxQl.QuoteIdentifier(connection.Database)}", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Creates or corrects the <c>raw</c> (30d, default) and <c>hourly</c> (104w) policies and the continuous
    /// query that rolls every measurement of <c>raw</c> up into <c>hourly</c> each hour. Safe to call at every start.
    /// </summary>
    public async Task EnsureRetentionAsync(CancellationToken cancellationToken = default)
    {
        var db = InfluxQl.QuoteIdentifier(connection.Database);
        var policies = await connection.QueryAsync($"SHOW RETENTION POLICIES ON {db}", cancellationToken).ConfigureAwait(false);
        var existing = policies.SelectMany(s => s.Column("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);

        await EnsurePolicyAsync(db, RawPolicy, RawRetention, isDefault: true, existing, cancellationToken).ConfigureAwait(false);
        await EnsurePolicyAsync(db, HourlyPolicy, HourlyRetention, isDefault: false, existing, cancellationToken).ConfigureAwait(false);

        // CREATE fails when a query of that name exists with another text; re-creating is harmless
        // (the query only remembers when it last ran), so replace it to pick up any change.
        var queries = await connection.QueryAsync("SHOW CONTINUOUS QUERIES", cancellationToken).ConfigureAwait(false);
        var present = queries.Where(s => s.Name == connection.Database)
            .SelectMany(s => s.Column("name"))
            .Contains(HourlyRollupQuery);
        if (present)
        {
            await connection.QueryAsync($"DROP CONTINUOUS QUERY {InfluxQl.QuoteIdentifier(HourlyRollupQuery)} ON {db}", cancellationToken)
                .ConfigureAwait(false);
        }

        await connection.QueryAsync(HourlyRollupStatement(connection.Database), cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("InfluxDB database {Database}: retention {Raw}/{Hourly} and hourly roll-up ensured",
            connection.Database, RawPolicy, HourlyPolicy);
    }

    /// <summary>The roll-up: hourly means of every field of every measurement, keeping all tags.</summary>
    public static string HourlyRollupStatement(string database)
    {
        var db = InfluxQl.QuoteIdentifier(database);
        var hourly = InfluxQl.QuoteIdentifier(HourlyPolicy);
        var raw = InfluxQl.QuoteIdentifier(RawPolicy);
        return $"CREATE CONTINUOUS QUERY {InfluxQl.QuoteIdentifier(HourlyRollupQuery)} ON {db} BEGIN " +
            $"SELECT mean(*) INTO {db}.{hourly}.:MEASUREMENT FROM {db}.{raw}./.*/ GROUP BY time(1h), * END";
    }

    private async Task EnsurePolicyAsync(
        string db, string name, TimeSpan duration, bool isDefault, HashSet<string> existing, CancellationToken cancellationToken)
    {
        // ALTER is idempotent, CREATE fails when the policy exists with other settings.
        var verb = existing.Contains(name) ? "ALTER" : "CREATE";
        var statement = $"{verb} RETENTION POLICY {InfluxQl.QuoteIdentifier(name)} ON {db} " +
            $"DURATION {InfluxQl.FormatDuration(duration)} REPLICATION 1{(isDefault ? " DEFAULT" : "")}";
        await connection.QueryAsync(statement, cancellationToken).ConfigureAwait(false);
    }
}
