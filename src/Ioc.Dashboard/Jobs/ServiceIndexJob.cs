using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Jobs;

/// <summary>
/// The service index of every unit, month to date (api-v1 "Service index"): the wards' kept days of
/// this month plus today so far, ranked overall, wards among wards and communes among communes, and
/// kept per day. Every 15 minutes, and on demand when the newest is over a minute old. Closed days
/// that a ward amended (late events) are computed again, and their reports written again.
/// </summary>
public sealed class ServiceIndexJob(IGrainFactory grains, WardDirectory wards, IocClock clock, DailyReportJob reports)
{
    /// <summary>api-v1: <c>computedAt</c> is at most 60 s before the request.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private IServiceIndexGrain Store => grains.GetGrain<IServiceIndexGrain>(0);

    public async Task<Ranking> Run()
    {
        await RefreshAmended();
        return await Compute(closedDay: null);
    }

    /// <summary>Today's ranking no older than <see cref="MaxAge"/> (business clock).</summary>
    public async Task<Ranking> Current()
    {
        var today = HanoiTime.DayOf(clock.GetUtcNow());
        var kept = await Store.Get(today);
        return kept is not null && clock.GetUtcNow() - kept.ComputedAt <= MaxAge ? kept : await Compute(closedDay: null);
    }

    /// <summary>A day's ranking: today's current one, or a closed day's final one (with any amendment applied).</summary>
    public async Task<Ranking?> Of(DateOnly day)
    {
        if (day >= HanoiTime.DayOf(clock.GetUtcNow())) return await Current();
        await RefreshAmended();
        return await Store.Get(day);
    }

    public async Task RefreshAmended()
    {
        foreach (var day in await Store.TakeAmendedDays())
        {
            await Compute(day);
            await reports.Run(day);
        }
    }

    /// <summary>With <paramref name="closedDay"/>: the final index of a finished day from the wards' kept days.</summary>
    public async Task<Ranking> Compute(DateOnly? closedDay)
    {
        var now = clock.GetUtcNow();
        var day = closedDay ?? HanoiTime.DayOf(now);
        var periodStart = new DateOnly(day.Year, day.Month, 1);
        var periods = await grains.ForEachWard(wards, async w =>
        {
            var history = await w.GetHistory();
            var days = history.Days.Where(d => d.Day >= periodStart && d.Day <= day && (closedDay is not null || d.Day < day));
            if (closedDay is null) days = days.Append(await w.GetToday());
            return (Ward: history.Ward, Period: DaySummary.Period(day, days));
        });
        var ranking = Rank(day, periodStart, now, periods.Select(p => (wards.Get(p.Ward), p.Period)));
        await Store.Store(ranking);
        return ranking;
    }

    /// <summary>Highest score first, units with nothing measured last; ties: more dossiers on time, then name.</summary>
    public static Ranking Rank(DateOnly day, DateOnly periodStart, DateTimeOffset computedAt, IEnumerable<(WardInfo Ward, DaySummary Period)> units)
    {
        var scored = units
            .Select(u => (u.Ward, u.Period, Score: ServiceIndexScore.Compute(u.Period)))
            .OrderByDescending(u => u.Score.Score ?? double.NegativeInfinity)
            .ThenByDescending(u => u.Period.DossiersResolvedOnTime)
            .ThenBy(u => u.Ward.Name, StringComparer.Ordinal)
            .ToList();
        var inType = new Dictionary<string, int>(StringComparer.Ordinal);
        var entries = scored.Select((u, i) =>
        {
            var rankInType = inType[u.Ward.Type] = inType.GetValueOrDefault(u.Ward.Type) + 1;
            var p = u.Period;
            return new RankingEntry(u.Ward.Code, u.Ward.Name, u.Ward.Type, i + 1, rankInType, u.Score,
                p.DossiersReceived, p.DossiersResolvedOnTime, p.DossiersResolvedLate, p.Ratings, p.OverdueAtClose,
                p.DossiersReceivedOnline, p.DossiersDigitized);
        }).ToImmutableArray();
        return new Ranking(day, periodStart, computedAt, entries);
    }
}
