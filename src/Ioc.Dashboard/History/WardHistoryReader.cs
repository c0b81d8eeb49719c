using Ioc.Grains;
using Ioc.Time;

namespace Ioc.Dashboard.History;

/// <summary>
/// Reads a ward's history for the history endpoints and the ward page alike: from the history store
/// (InfluxDB when configured, else SQLite in the data folder); when the store cannot answer, from the ward
/// grain's minute samples of the last 24 hours. The week-old side of a comparison comes from the store only
/// (source <c>none</c> when it cannot answer).
/// </summary>
public sealed class WardHistoryReader(IGrainFactory grains, IWardHistoryStore store, IocClock clock, ILogger<WardHistoryReader> logger)
    : IWardHistorySource
{
    private static readonly TimeSpan GrainWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, CancellationToken cancellationToken = default) =>
        Compare(ward, metric, step, clock.GetUtcNow(), cancellationToken);

    /// <summary>From Hanoi's midnight to <paramref name="now"/>, and the same range 7 days earlier.</summary>
    public async Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var from = HanoiTime.StartOf(HanoiTime.DayOf(now));
        var today = Read(ward, metric, from, now, step, now, cancellationToken);
        var lastWeek = ReadStore(ward, metric, from - Week, now - Week, step, cancellationToken);
        var (todaySource, todayPoints) = await today;
        var (weekSource, weekPoints) = await lastWeek;
        return new WardHistoryComparison(ward, metric, (long)step.TotalSeconds, todaySource,
            new ComparedSeries(HanoiTime.ToLocal(from), HanoiTime.ToLocal(now), todaySource, todayPoints),
            new ComparedSeries(HanoiTime.ToLocal(from - Week), HanoiTime.ToLocal(now - Week), weekSource, weekPoints));
    }

    /// <summary>The store when it answers, otherwise the ward grain's last 24 hours.</summary>
    public async Task<(string Source, IReadOnlyList<HistoryPoint> Points)> Read(
        string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var (source, points) = await ReadStore(ward, metric, from, to, step, cancellationToken);
        if (source != HistoryEndpoints.NoSource) return (source, points);

        if (to <= from || to <= now - GrainWindow) return (HistoryEndpoints.GrainSource, []);
        var history = await grains.GetGrain<IWardGrain>(ward).GetHistory();
        return (HistoryEndpoints.GrainSource, HistoryQuery.Means(history.Minutes, metric, from, to, step));
    }

    /// <summary>The points from the store, or source <c>none</c> when it cannot answer now.</summary>
    private async Task<(string Source, IReadOnlyList<HistoryPoint> Points)> ReadStore(
        string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        try
        {
            return (store.Source, await store.Read(ward, metric, from, to, step, cancellationToken));
        }
        catch (HistoryUnavailableException e)
        {
            logger.LogWarning("The history store ({Store}) could not answer a query of ward {Ward} ({Error})", store.Source, ward, e.Message);
            return (HistoryEndpoints.NoSource, []);
        }
    }
}
