using System.Globalization;
using System.Security.Claims;
using Ioc.Dashboard.Jobs;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Ingest.Http;

namespace Ioc.Dashboard.Api;

public static class RankingEndpoints
{
    public static void MapRankings(this IEndpointRouteBuilder app)
    {
        // Month to date, as last computed by the service-index job (computed now if it has not run yet).
        app.MapGet("/api/v1/rankings", async (string? day, ClaimsPrincipal user, IGrainFactory grains, ServiceIndexJob job) =>
        {
            DateOnly? wanted = null;
            if (day is not null)
            {
                if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Problems.Field("day", "must be a date yyyy-MM-dd");
                wanted = d;
            }
            var ranking = await grains.GetGrain<IServiceIndexGrain>(0).Get(wanted);
            if (ranking is null && wanted is null) ranking = await job.Run();
            if (ranking is null) return Problems.Of(StatusCodes.Status404NotFound, $"No ranking kept for {day}");
            // A ward chief sees their own unit's place, not the other units' figures.
            var entries = ranking.VisibleTo(user);
            return Results.Ok(new
            {
                ranking.Day,
                ranking.PeriodStart,
                ranking.ComputedAt,
                Maximum = new { OnTime = ServiceIndexScore.OnTimeMax, Online = ServiceIndexScore.OnlineMax, Satisfaction = ServiceIndexScore.SatisfactionMax, Measured = ServiceIndexScore.MeasuredMax },
                ServiceIndexScore.NotMeasured,
                Entries = entries,
            });
        }).RequireAuthorization(WardEndpoints.PeoplePolicy);
    }
}
