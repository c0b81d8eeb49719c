using System.Collections.Immutable;
using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>Who sees which rows of a ranking.</summary>
public static class RankingAccess
{
    /// <summary>City leaders and admins see every unit; a ward chief their own unit's row only.</summary>
    public static ImmutableArray<RankingEntry> VisibleTo(this Ranking ranking, ClaimsPrincipal user) =>
        user.IsCityWide() ? ranking.Entries : [.. ranking.Entries.Where(e => e.Code == user.ChiefWard())];
}
