using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>The service index month to date, for the rankings page.</summary>
public interface IRankingSource
{
    /// <summary>Today's ranking, at most a minute old.</summary>
    Task<Ranking> Current(CancellationToken cancellationToken = default);
}
