using System.Globalization;
using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Dashboard.Security;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// Staffing advice: a ward's advice and today's acceptances (whoever may see the ward), accepting one (the
/// ward's chief or a city leader), and the advice accepted across the city since a time (what desks follow).
/// </summary>
public static class AdviceEndpoints
{
    public static void MapAdvice(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(WardEndpoints.PeoplePolicy).DisableAntiforgery();

        api.MapGet("/wards/{code}/advice", async (string code, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
            WardEndpoints.WardAccess(code, user, wards) ?? Results.Ok(await grains.GetGrain<IWardGrain>(code).GetStaffing()));

        api.MapPost("/wards/{code}/advice/{id}/accept", async (string code, string id, ClaimsPrincipal user, AdviceActions actions, HttpContext http, WardDirectory wards) =>
        {
            if (!wards.Contains(code)) return Problems.Of(StatusCodes.Status404NotFound, $"No ward {TextRules.Echo(code)}");
            var result = await actions.Accept(code, id, user, ClientAddress.Of(http), "api");
            return result?.Outcome switch
            {
                null => Problems.Of(StatusCodes.Status403Forbidden, $"Only the chief of ward {TextRules.Echo(code)} or a city leader may accept its staffing advice"),
                AdviceOutcome.Accepted => Results.Ok(result.Accepted),
                AdviceOutcome.AlreadyAccepted => AlreadyAccepted(result.Accepted!),
                _ => Problems.Of(StatusCodes.Status404NotFound, $"No current staffing advice {TextRules.Echo(id)} for ward {TextRules.Echo(code)}",
                    "The advice may have been worked out again since it was shown; look at the ward's advice now."),
            };
        });

        api.MapGet("/advice/accepted", async (string? since, ClaimsPrincipal user, IGrainFactory grains, IocClock clock, WardDirectory wards) =>
        {
            if (!user.IsCityWide()) return Problems.Of(StatusCodes.Status403Forbidden, "The city's accepted advice is for city leaders");
            DateTimeOffset from;
            if (since is null) from = HanoiTime.StartOf(HanoiTime.DayOf(clock.GetUtcNow()));
            else if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.None, out from))
                return Problems.Field("since", "must be an RFC 3339 time, e.g. 2026-11-25T09:00:00+07:00");
            var lists = await Task.WhenAll(wards.All.Select(w => grains.GetGrain<IWardGrain>(w.Code).GetAcceptedAdvice(from)));
            return Results.Ok(lists.SelectMany(l => l).OrderBy(a => a.AcceptedAt).ThenBy(a => a.Ward, StringComparer.Ordinal));
        });
    }

    private static IResult AlreadyAccepted(AcceptedAdvice earlier) => Results.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: $"Already accepted by {earlier.AcceptedBy}",
        detail: $"{earlier.AcceptedBy} accepted this advice at {HanoiTime.ToLocal(earlier.AcceptedAt):HH:mm:ss}.",
        type: "https://httpstatuses.io/409",
        extensions: new Dictionary<string, object?> { ["acceptedBy"] = earlier.AcceptedBy, ["acceptedAt"] = earlier.AcceptedAt });
}
