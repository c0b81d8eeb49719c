using Ioc.Dashboard.Jobs;
using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>Reads <see cref="ServiceIndexJob.Current"/>.</summary>
public sealed class GrainRankingSource(ServiceIndexJob job) : IRankingSource
{
    public async Task<Ranking> Current(CancellationToken cancellationToken = default)
    {
        var ranking = await job.Current();
        cancellationToken.ThrowIfCancellationRequested();
        return ranking;
    }
}
