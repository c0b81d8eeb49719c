using System.Text;

namespace Ioc.History;

/// <summary>InfluxQL queries and the history helper used by <c>GET /api/v1/wards/{code}/history</c>.</summary>
public sealed class InfluxReader(InfluxConnection connection, TimeProvider? timeProvider = null)
{
    /// <summary>Measurement of the per-ward aggregates (fields <c>waiting</c>, <c>avgWait</c>, …).</summary>
    public const string WardMeasurement = "ward";

    /// <summary>Tag holding the ward code.</summary>
    public const string WardTag = "ward";

    // Guards against a "step" so small that one request would build millions of buckets.
    private const long MaxBuckets = 100_000;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs InfluxQL and returns the parsed series (times as epoch milliseconds).</summary>
    public Task<IReadOnlyList<InfluxSeries>> QueryAsync(string influxQl, CancellationToken cancellationToken = default) =>
        connection.QueryAsync(influxQl, cancellationToken);

    /// <summary>
    /// Mean of <paramref name="field"/> per <paramref name="step"/> in [<paramref name="from"/>, <paramref name="to"/>)
    /// for the points whose tags equal <paramref name="tags"/>; empty buckets are left out.
    /// </summary>
    /// <param name="retentionPolicy">null for the default (<c>raw</c>); for <see cref="InfluxSchema.HourlyPolicy"/>
    /// the rolled-up field <c>mean_&lt;field&gt;</c> is read.</param>
    public async Task<IReadOnlyList<TimeValue>> ReadMeanAsync(
        string measurement,
        string field,
        IEnumerable<KeyValuePair<string, string>> tags,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan step,
        string? retentionPolicy = null,
        CancellationToken cancellationToken = default)
    {
        var query = BuildMeanQuery(measurement, field, tags, from, to, step, retentionPolicy);
        var series = await connection.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        var points = new List<TimeValue>();
        foreach (var s in series)
        {
            var time = s.ColumnIndex("time");
            var value = s.ColumnIndex("value");
            foreach (var row in s.Values)
            {
                if (InfluxSeries.AsDouble(row[value]) is { } mean)
                {
                    points.Add(new TimeValue(InfluxSeries.AsTime(row[time]), mean));
                }
            }
        }

        points.Sort(static (a, b) => a.Time.CompareTo(b.Time));
        return points;
    }

    /// <summary>
    /// History of one ward metric (<c>waiting</c>, <c>avgWait</c>, …). Ranges that start before the raw
    /// retention are read from the hourly roll-up when the step is at least an hour.
    /// </summary>
    public Task<IReadOnlyList<TimeValue>> ReadWardHistoryAsync(
        string wardCode,
        string metric,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan step,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(wardCode);
        var useRollup = step >= TimeSpan.FromHours(1) && from < _time.GetUtcNow() - InfluxSchema.RawRetention;
        return ReadMeanAsync(
            WardMeasurement,
            metric,
            [KeyValuePair.Create(WardTag, wardCode)],
            from,
            to,
            step,
            useRollup ? InfluxSchema.HourlyPolicy : null,
            cancellationToken);
    }

    /// <summary>The InfluxQL of <see cref="ReadMeanAsync"/>; every name and value is quoted.</summary>
    public static string BuildMeanQuery(
        string measurement,
        string field,
        IEnumerable<KeyValuePair<string, string>> tags,
        DateTimeOffset from,
        DateTimeOffset to,
        TimeSpan step,
        string? retentionPolicy = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(measurement);
        ArgumentException.ThrowIfNullOrEmpty(field);
        ArgumentNullException.ThrowIfNull(tags);
        if (to <= from)
        {
            throw new ArgumentException($"'to' ({to:O}) must be after 'from' ({from:O}).", nameof(to));
        }

        var duration = InfluxQl.FormatDuration(step);
        if ((to - from).Ticks / step.Ticks > MaxBuckets)
        {
            throw new ArgumentException($"A step of {step} gives more than {MaxBuckets} buckets between {from:O} and {to:O}.", nameof(step));
        }

        var rollup = retentionPolicy == InfluxSchema.HourlyPolicy;
        var source = retentionPolicy is null
            ? InfluxQl.QuoteIdentifier(measurement)
            : $"{InfluxQl.QuoteIdentifier(retentionPolicy)}.{InfluxQl.QuoteIdentifier(measurement)}";
        var sql = new StringBuilder()
            .Append("SELECT mean(").Append(InfluxQl.QuoteIdentifier(rollup ? InfluxSchema.RollupFieldPrefix + field : field))
            .Append(") AS \"value\" FROM ").Append(source).Append(" WHERE ");
        foreach (var (key, value) in tags)
        {
            sql.Append(InfluxQl.QuoteIdentifier(key)).Append(" = ").Append(InfluxQl.QuoteString(value)).Append(" AND ");
        }

        sql.Append("time >= ").Append(InfluxQl.FormatTime(from))
            .Append(" AND time < ").Append(InfluxQl.FormatTime(to))
            .Append(" GROUP BY time(").Append(duration).Append(") fill(none)");
        return sql.ToString();
    }
}
