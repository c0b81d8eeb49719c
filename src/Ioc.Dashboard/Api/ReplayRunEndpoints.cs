using System.Security.Claims;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Replay;
using Ioc.Dashboard.Security;
using Ioc.Ingest.Http;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// A past day replayed at a chosen speed for scripts: started with a day and a speed, then read as the wall and
/// the wards stand at the run's own clock (the day's time going at that speed). City leaders and admins only;
/// a run is its starter's. Rebuilt from the wards' logs on the silo; live state is never touched.
/// </summary>
public static class ReplayRunEndpoints
{
    public static void MapReplayRuns(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/replays").RequireAuthorization(WardEndpoints.PeoplePolicy).AddEndpointFilter(ReplayDayEndpoints.CityOnly);
        api.MapPost("", Start);
        api.MapGet("/{id}", Wall);
        api.MapGet("/{id}/wards/{code}", Ward);
        api.MapDelete("/{id}", Stop);
    }

    private static async Task<IResult> Start(ReplayStartBody? body, HttpContext http, Replays replays, ReplayRuns runs, AuditLog audit)
    {
        if (body is null) return Problems.Field("body", "is required: {\"day\": \"yyyy-MM-dd\", \"speed\": 1 to " + ReplayRequest.MaxSpeed + "}");
        var errors = new List<FieldError>();
        var request = replays.Parse(body.Day, body.SpeedText, body.From, errors);
        if (request is null) return ReplayDayEndpoints.Invalid(errors);
        var user = http.User;
        var run = await runs.Start(request, Owner(user));
        audit.Write(AuditActions.ReplayStarted, user.Name(), request.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ClientAddress.Of(http), $"city ×{request.Speed} (api)");
        var info = await run.Grain.Open();
        return Results.Created($"/api/v1/replays/{run.Id}", new
        {
            run.Id, Day = request.Day, Speed = run.Clock.Speed, At = run.Clock.Now, info.Start, info.End, info.Records,
            info.FirstArrival, info.LogTrimmed, Replay = true,
        });
    }

    /// <summary>The wall at the run's clock now.</summary>
    private static async Task<IResult> Wall(string id, ClaimsPrincipal user, ReplayRuns runs)
    {
        if (runs.Find(id, Owner(user)) is not { } run) return NoRun(id);
        var frame = await run.Grain.Wall(run.Clock.Now, int.MaxValue);
        return Results.Ok(new
        {
            run.Id, Day = run.Request.Day, Speed = run.Clock.Speed, frame.Wall.At, frame.Ended, frame.Applied, Replay = true,
            frame.Wall, frame.Alerts,
        });
    }

    private static async Task<IResult> Ward(string id, string code, ClaimsPrincipal user, ReplayRuns runs, WardDirectory wards)
    {
        if (WardEndpoints.WardAccess(code, user, wards) is { } denied) return denied;
        if (runs.Find(id, Owner(user)) is not { } run) return NoRun(id);
        return Results.Ok(await run.Grain.Ward(code, run.Clock.Now));
    }

    private static async Task<IResult> Stop(string id, ClaimsPrincipal user, ReplayRuns runs) =>
        await runs.Stop(id, Owner(user)) ? Results.NoContent() : NoRun(id);

    private static string Owner(ClaimsPrincipal user) => user.Identity?.Name ?? "";

    private static IResult NoRun(string id) => Problems.Of(StatusCodes.Status404NotFound, $"No replay '{id}' of yours");
}
