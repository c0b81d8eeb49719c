using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Ingest.Http;
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

        api.MapPost("/{id}/acknowledge", (string id, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
            Act(id, user, grains, wards, (w, u) => w.AcknowledgeAlert(id, u)));
        api.MapPost("/{id}/resolve", (string id, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
            Act(id, user, grains, wards, (w, u) => w.ResolveAlert(id, u)));
    }

    private static async Task<IResult> Act(string id, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards, Func<IWardGrain, string, Task<Alert?>> action)
    {
        var ward = Alert.WardOf(id);
        if (ward is null || !wards.Contains(ward)) return Problems.Of(StatusCodes.Status404NotFound, $"No alert '{id}'");
        if (!user.MaySeeWard(ward)) return Problems.Of(StatusCodes.Status403Forbidden, $"Not allowed to act on ward {ward}'s alerts");
        var alert = await action(grains.GetGrain<IWardGrain>(ward), user.Name());
        return alert is null ? Problems.Of(StatusCodes.Status404NotFound, $"No alert '{id}'") : Results.Ok(alert);
    }
}
