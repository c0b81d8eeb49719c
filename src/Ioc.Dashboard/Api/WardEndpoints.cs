using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

public static class WardEndpoints
{
    public const string PeoplePolicy = "people";

    public static void MapWards(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(PeoplePolicy);

        api.MapGet("/wards", async (ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
        {
            // A ward chief sees only their own ward, also in the list.
            var codes = wards.All.Select(w => w.Code).Where(user.MaySeeWard);
            return Results.Ok(await Task.WhenAll(codes.Select(c => grains.GetGrain<IWardGrain>(c).GetSummary())));
        });

        api.MapGet("/city", async (ClaimsPrincipal user, IGrainFactory grains) =>
        {
            if (!user.IsCityWide()) return Problems.Of(StatusCodes.Status403Forbidden, "City figures are for city leaders");
            // The one city result the wall shows too, computed by the city feed from the wards' sums.
            return Results.Ok((await grains.GetGrain<ICityFeedGrain>(0).GetFrame()).Totals);
        });

        api.MapGet("/wards/{code}", async (string code, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
            WardAccess(code, user, wards) ?? Results.Ok(await grains.GetGrain<IWardGrain>(code).GetDetail()));

        // Devices may read their own ward's estimate: it is what a queue robot shows a citizen.
        app.MapGet("/api/v1/wards/{code}/queues/{service}/estimate", async (string code, string service, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
        {
            if (!wards.Contains(code)) return Problems.Of(StatusCodes.Status404NotFound, $"No ward '{code}'");
            if (!user.MaySeeWard(code) && !user.IsDeviceOf(code)) return Problems.Of(StatusCodes.Status403Forbidden, $"Not allowed to read ward {code}");
            if (!ServiceCodes.IsKnown(service)) return Problems.Field("service", $"unknown service code '{service}'");
            return Results.Ok(await grains.GetGrain<IWardGrain>(code).EstimateWait(service));
        }).RequireAuthorization(EstimatePolicy);
    }

    public const string EstimatePolicy = "people-or-device";

    /// <summary>404 for an unknown code, 403 for a ward the user may not see, null when allowed.</summary>
    public static IResult? WardAccess(string code, ClaimsPrincipal user, WardDirectory wards) =>
        !wards.Contains(code) ? Problems.Of(StatusCodes.Status404NotFound, $"No ward '{code}'")
        : !user.MaySeeWard(code) ? Problems.Of(StatusCodes.Status403Forbidden, $"Not allowed to read ward {code}")
        : null;
}
