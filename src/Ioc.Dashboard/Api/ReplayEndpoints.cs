using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Replay;
using Ioc.Ingest.Http;
using Ioc.Replay;
using Ioc.Time;

namespace Ioc.Dashboard.Api;

/// <summary>
/// A past day replayed from the wards' logs, for scripts and checks: the wall at a time of that day, one ward
/// at a time of it, and each ward's figures of the day (at midnight, and with what arrived later). Rebuilt on
/// the silo next to the logs; live state is never touched. A ward chief replays their own ward only.
/// </summary>
public static class ReplayEndpoints
{
    public static void MapReplay(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/replay/{day}").RequireAuthorization(WardEndpoints.PeoplePolicy);
        api.MapGet("", Wall);
        api.MapGet("/wards/{code}", Ward);
        api.MapGet("/figures", Figures);
    }

    /// <summary>The wall at <c>at</c> (<c>HH:mm[:ss]</c>, default 24:00); a ward chief gets their ward's line only, as the live feed sends it.</summary>
    private static async Task<IResult> Wall(string day, string? at, ClaimsPrincipal user, Replays replays)
    {
        var errors = new List<FieldError>();
        var d = ReplayRequest.ParseDay(day, replays.Today, replays.KeepDays, errors);
        var t = ReplayRequest.TimeOfDay("at", at, errors);
        if (errors.Count > 0) return Invalid(errors);
        var scope = Scope(user);
        var frame = await replays.Api(d!.Value, scope).Wall(Instant(d.Value, t), int.MaxValue);
        var wall = scope == ReplayKey.City ? frame.Wall : frame.Wall.For(scope);
        return Results.Ok(new
        {
            Day = d.Value, wall.At, Replay = true, frame.Ended, frame.Applied, Wall = wall,
            Alerts = frame.Alerts.Where(a => user.MaySeeWard(a.Ward)),
        });
    }

    private static async Task<IResult> Ward(string day, string code, string? at, ClaimsPrincipal user, Replays replays)
    {
        if (WardEndpoints.WardAccess(code, user) is { } denied) return denied;
        var errors = new List<FieldError>();
        var d = ReplayRequest.ParseDay(day, replays.Today, replays.KeepDays, errors);
        var t = ReplayRequest.TimeOfDay("at", at, errors);
        if (errors.Count > 0) return Invalid(errors);
        return Results.Ok(await replays.Api(d!.Value, code).Ward(code, Instant(d.Value, t)));
    }

    private static async Task<IResult> Figures(string day, ClaimsPrincipal user, Replays replays)
    {
        var errors = new List<FieldError>();
        var d = ReplayRequest.ParseDay(day, replays.Today, replays.KeepDays, errors);
        if (errors.Count > 0) return Invalid(errors);
        var figures = await replays.Api(d!.Value, Scope(user)).Figures();
        return Results.Ok(new { Day = d.Value, Wards = figures.Where(f => user.MaySeeWard(f.Code)) });
    }

    /// <summary>City leaders and admins replay the city; a ward chief their own ward.</summary>
    private static string Scope(ClaimsPrincipal user) => user.IsCityWide() ? ReplayKey.City : user.ChiefWard()!;

    private static DateTimeOffset Instant(DateOnly day, TimeSpan? at) => HanoiTime.StartOf(day) + (at ?? TimeSpan.FromHours(24));

    private static IResult Invalid(List<FieldError> errors) =>
        Problems.Of(StatusCodes.Status400BadRequest, "Invalid replay query", $"{errors.Count} problem(s) with the query.", errors);
}
