using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Replay;
using Ioc.Ingest.Http;
using Ioc.Replay;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// A past day replayed from the wards' logs, read at a chosen time of it (no clock): the wall, one ward, and each
/// ward's figures of the day (at midnight, and with what arrived later). City leaders and admins only. Rebuilt on
/// the silo next to the logs; live state is never touched.
/// </summary>
public static class ReplayDayEndpoints
{
    public static void MapReplay(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/replay/{day}").RequireAuthorization(WardEndpoints.PeoplePolicy).AddEndpointFilter(CityOnly);
        api.MapGet("", Wall);
        api.MapGet("/wards/{code}", Ward);
        api.MapGet("/figures", Figures);
        app.MapReplayRuns();
    }

    /// <summary>Replays show the whole city as it was: for city leaders and admins, not a ward chief or a device.</summary>
    public static async ValueTask<object?> CityOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.User.IsCityWide() ? await next(context)
            : Problems.Of(StatusCodes.Status403Forbidden, "Replays are for city leaders and admins");

    /// <summary>The wall at <c>at</c> (<c>HH:mm[:ss]</c>, default 24:00).</summary>
    private static async Task<IResult> Wall(string day, string? at, Replays replays)
    {
        var errors = new List<FieldError>();
        var d = replays.ParseDay(day, errors);
        var t = ReplayRequest.TimeOfDay("at", at, errors);
        if (errors.Count > 0) return Invalid(errors);
        var frame = await replays.Api(d!.Value, ReplayKey.City).Wall(Instant(d.Value, t), int.MaxValue);
        return Results.Ok(new { Day = d.Value, frame.Wall.At, Replay = true, frame.Ended, frame.Applied, frame.Wall, frame.Alerts });
    }

    private static async Task<IResult> Ward(string day, string code, string? at, Replays replays, WardDirectory wards)
    {
        if (!wards.Contains(code)) return Problems.Of(StatusCodes.Status404NotFound, $"No ward '{code}'");
        var errors = new List<FieldError>();
        var d = replays.ParseDay(day, errors);
        var t = ReplayRequest.TimeOfDay("at", at, errors);
        if (errors.Count > 0) return Invalid(errors);
        return Results.Ok(await replays.Api(d!.Value, code).Ward(code, Instant(d.Value, t)));
    }

    private static async Task<IResult> Figures(string day, Replays replays)
    {
        var errors = new List<FieldError>();
        var d = replays.ParseDay(day, errors);
        if (errors.Count > 0) return Invalid(errors);
        return Results.Ok(new { Day = d!.Value, Wards = await replays.Api(d.Value, ReplayKey.City).Figures() });
    }

    private static DateTimeOffset Instant(DateOnly day, TimeSpan? at) => HanoiTime.StartOf(day) + (at ?? TimeSpan.FromHours(24));

    public static IResult Invalid(List<FieldError> errors) =>
        Problems.Of(StatusCodes.Status400BadRequest, "Invalid replay request", $"{errors.Count} problem(s) with the request; nothing was started.", errors);
}
