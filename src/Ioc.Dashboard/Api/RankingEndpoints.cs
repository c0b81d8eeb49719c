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
        // Month to date, at most a minute old; ?day= gives a closed day's final index.
        app.MapGet("/api/v1/rankings", async (string? day, ClaimsPrincipal user, ServiceIndexJob job) =>
        {
            Ranking? ranking;
            if (day is null) ranking = await job.Current();
            else if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                return Problems.Field("day", "must be a date yyyy-MM-dd");
            else ranking = await job.Of(d);
            if (ranking is null) return Problems.Of(StatusCodes.Status404NotFound, $"No ranking kept for {day}");
            // A ward chief sees their own unit's place, not the other units' figures.
            return Results.Ok(new
            {
                ranking.Day,
                ranking.PeriodStart,
                ranking.ComputedAt,
                Maximum = new
                {
                    Publicity = ServiceIndexScore.PublicityMax, Progress = ServiceIndexScore.ProgressMax, Online = ServiceIndexScore.OnlineMax,
                    Digitisation = ServiceIndexScore.DigitisationMax, Satisfaction = ServiceIndexScore.SatisfactionMax,
                },
                Entries = ranking.VisibleTo(user),
            });
        }).RequireAuthorization(WardEndpoints.PeoplePolicy);
    }
}
