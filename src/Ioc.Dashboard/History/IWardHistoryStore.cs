using Ioc.Grains;

namespace Ioc.Dashboard.History;

/// <summary>
/// Where a ward's history outlives the ward grain's last 24 hours: InfluxDB when <c>Ioc:Influx:Url</c> is
/// configured (<see cref="InfluxWardHistoryStore"/>), otherwise SQLite in the data folder
/// (<see cref="SqliteWardHistoryStore"/>). <see cref="HistoryRecorder"/> feeds it; <see cref="WardHistoryReader"/> reads it.
/// </summary>
public interface IWardHistoryStore
{
    /// <summary>What an answer from this store names as its source: <c>influxdb</c> or <c>sqlite</c>.</summary>
    string Source { get; }

    /// <summary>Keeps the city's state at <paramref name="at"/> (business clock): one sample per ward.</summary>
    Task Record(IReadOnlyList<WardSummary> wards, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Mean per step bucket of the metric in [from, to); empty buckets are left out.</summary>
    /// <exception cref="HistoryUnavailableException">The store cannot answer now.</exception>
    Task<IReadOnlyList<HistoryPoint>> Read(
        string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken = default);
}
