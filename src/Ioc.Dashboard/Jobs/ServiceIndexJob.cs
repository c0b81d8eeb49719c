using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Jobs;

/// <summary>
/// Every 15 minutes: the service index of every unit, month to date (stored days of this month
/// plus today so far), ranked overall, wards among wards and communes among communes, and kept
/// per day.
/// </summary>
public sealed class ServiceIndexJob(IGrainFactory grains, IocClock clock)
{
    public Task<Ranking> Run() => Run(closedDay: null);

    /// <summary>With <paramref name="closedDay"/>: the final index of a finished day from the stored summaries.</summary>
    public async Task<Ranking> Run(DateOnly? closedDay)
    {
        var now = clock.GetUtcNow();
        var day = closedDay ?? HanoiTime.DayOf(now);
        var periodStart = new DateOnly(day.Year, day.Month, 1);
        var periods = await grains.ForEachWard(async w =>
        {
            var history = await w.GetHistory();
            var days = history.Days.Where(d => d.Day >= periodStart && d.Day <= day && (closedDay is not null || d.Day < day));
            if (closedDay is null) days = days.Append(await w.GetToday());
            return (Ward: history.Ward, Period: DaySummary.Sum(day, days));
        });
        var ranking = Rank(day, periodStart, HanoiTime.ToLocal(now), periods.Select(p => (WardDirectory.Hanoi.Get(p.Ward), p.Period)));
        await grains.GetGrain<IServiceIndexGrain>(0).Store(ranking);
        return ranking;
    }

    /// <summary>Highest score first; equal scores share no rank (more dossiers on time first, then name).</summary>
    public static Ranking Rank(DateOnly day, DateOnly periodStart, DateTimeOffset computedAt, IEnumerable<(WardInfo Ward, DaySummary Period)> units)
    {
        var scored = units
            .Select(u => (u.Ward, u.Period, Score: ServiceIndexScore.Compute(u.Period)))
            .OrderByDescending(u => u.Score.Scaled100)
            .ThenByDescending(u => u.Period.DossiersResolvedOnTime)
            .ThenBy(u => u.Ward.Name, StringComparer.Ordinal)
            .ToList();
        var inType = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = scored.Select((u, i) =>
        {
            var rankInType = inType[u.Ward.Type] = inType.GetValueOrDefault(u.Ward.Type) + 1;
            return new RankingEntry(u.Ward.Code, u.Ward.Name, u.Ward.Type, i + 1, rankInType, u.Score,
                u.Period.DossiersReceived, u.Period.DossiersResolvedOnTime, u.Period.DossiersResolvedLate, u.Period.Ratings);
        }).ToImmutableArray();
        return new Ranking(day, periodStart, computedAt, entries);
    }
}
