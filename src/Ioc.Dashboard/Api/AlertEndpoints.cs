using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Dashboard.Security;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

public static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").RequireAuthorization(WardEndpoints.PeoplePolicy).DisableAntiforgery();

        api.MapGet("/", async (string? ward, string? state, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
        {
            if (state is not null && !AlertStates.All.Contains(state))
                return Problems.Field("state", $"must be one of {string.Join(", ", AlertStates.All)}");
            if (ward is not null && WardEndpoints.WardAccess(ward, user, wards) is { } denied) return denied;
            var codes = ward is not null ? [ward] : wards.All.Select(w => w.Code).Where(user.MaySeeWard).ToArray();
            var lists = await Task.WhenAll(codes.Select(c => grains.GetGrain<IWardGrain>(c).GetAlerts()));
            return Results.Ok(lists.SelectMany(a => a).Where(a => state is null || a.State == state).OrderByDescending(a => a.RaisedAt));
        });

        api.MapPost("/{id}/acknowledge", async (string id, ClaimsPrincipal user, AlertActions actions, HttpContext http) =>
            Answer(id, await actions.Acknowledge(id, user, ClientAddress.Of(http), "api")));
        api.MapPost("/{id}/resolve", async (string id, ClaimsPrincipal user, AlertActions actions, HttpContext http) =>
            Answer(id, await actions.Resolve(id, user, ClientAddress.Of(http), "api")));
    }

    private static IResult Answer(string id, (AlertActionOutcome Outcome, Alert? Alert) done) => done.Outcome switch
    {
        AlertActionOutcome.Done => Results.Ok(done.Alert),
        AlertActionOutcome.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, $"Not allowed to act on ward {Alert.WardOf(id)}'s alerts"),
        _ => Problems.Of(StatusCodes.Status404NotFound, $"No alert {TextRules.Echo(id)}"),
    };
}
