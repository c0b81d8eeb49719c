using System.Collections.Immutable;
using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Jobs;
using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>The service index month to date, for the rankings page.</summary>
public interface IRankingSource
{
    /// <summary>The newest ranking the service-index job kept; computed now when none is kept yet.</summary>
    Task<Ranking> Current(CancellationToken cancellationToken = default);
}

/// <summary>Reads <see cref="IServiceIndexGrain.Get"/>; without a stored ranking runs <see cref="ServiceIndexJob.Run()"/> once.</summary>
public sealed class GrainRankingSource(IGrainFactory grains, ServiceIndexJob job) : IRankingSource
{
    public async Task<Ranking> Current(CancellationToken cancellationToken = default)
    {
        var stored = await grains.GetGrain<IServiceIndexGrain>(0).Get(null);
        cancellationToken.ThrowIfCancellationRequested();
        return stored ?? await job.Run();
    }
}

/// <summary>Who sees which rows of a ranking.</summary>
public static class RankingAccess
{
    /// <summary>City leaders and admins see every unit; a ward chief their own unit's row only.</summary>
    public static ImmutableArray<RankingEntry> VisibleTo(this Ranking ranking, ClaimsPrincipal user) =>
        user.IsCityWide() ? ranking.Entries : [.. ranking.Entries.Where(e => e.Code == user.ChiefWard())];
}
