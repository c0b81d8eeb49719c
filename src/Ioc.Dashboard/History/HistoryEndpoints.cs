using System.Security.Claims;
using Ioc.Dashboard.Api;
using Ioc.History;
using Ioc.Ingest.Http;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.History;

/// <summary>
/// History of a ward from the history store (InfluxDB when it is configured, otherwise SQLite in the data
/// folder; see <see cref="WardHistoryReader"/>). Means per step bucket; empty buckets are left out.
/// </summary>
public static class HistoryEndpoints
{
    public const string InfluxSource = "influxdb";
    public const string SqliteSource = "sqlite";
    public const string GrainSource = "grain";
    public const string NoSource = "none";

    public static IEndpointRouteBuilder MapIocHistory(this IEndpointRouteBuilder app)
    {
        var ward = app.MapGroup("/api/v1/wards/{code}/history").RequireAuthorization(WardEndpoints.PeoplePolicy);
        ward.MapGet("", GetHistory);
        ward.MapGet("/compare", Compare);
        app.MapGet("/api/v1/admin/history", Status).RequireAuthorization(AdminEndpoints.AdminPolicy);
        return app;
    }

    private static async Task<IResult> GetHistory(
        string code, string? metric, string? from, string? to, string? step,
        ClaimsPrincipal user, IocClock clock, WardDirectory wards, HttpContext http)
    {
        if (WardEndpoints.WardAccess(code, user, wards) is { } denied) return denied;
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var m = HistoryQuery.Metric(metric, errors);
        var s = HistoryQuery.Step(step, errors);
        var f = HistoryQuery.Time("from", from, HanoiTime.StartOf(HanoiTime.DayOf(now)), errors);
        var t = HistoryQuery.Time("to", to, now, errors);
        if (s is { } st && f is { } ff && t is { } tt) HistoryQuery.Range(ff, tt, st, errors);
        if (errors.Count > 0) return Invalid(errors);

        var (source, points) = await Reader(http).Read(code, m!, f!.Value, t!.Value, s!.Value, now, http.RequestAborted);
        return Results.Ok(new WardHistorySeries(code, m!, HanoiTime.ToLocal(f.Value), HanoiTime.ToLocal(t.Value),
            (long)s.Value.TotalSeconds, source, points));
    }

    private static async Task<IResult> Compare(
        string code, string? metric, string? step, ClaimsPrincipal user, IocClock clock, WardDirectory wards, HttpContext http)
    {
        if (WardEndpoints.WardAccess(code, user, wards) is { } denied) return denied;
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var m = HistoryQuery.Metric(metric, errors);
        var s = HistoryQuery.Step(step, errors);
        var from = HanoiTime.StartOf(HanoiTime.DayOf(now));
        if (s is { } st && now > from) HistoryQuery.Range(from, now, st, errors);
        if (errors.Count > 0) return Invalid(errors);

        return Results.Ok(await Reader(http).Compare(code, m!, s!.Value, now, http.RequestAborted));
    }

    private static IResult Status(HttpContext http)
    {
        if (http.RequestServices.GetService<InfluxWriter>() is not { } writer) return Results.Ok(new { configured = false });
        var s = writer.GetStatus();
        var database = http.RequestServices.GetRequiredService<IOptions<InfluxOptions>>().Value.Database;
        var events = http.RequestServices.GetService<Ioc.Silo.History.EventShipper>()?.Status;
        return Results.Ok(new HistoryStoreStatus(true, database, s, events));
    }

    private static IResult Invalid(List<FieldError> errors) =>
        Problems.Of(StatusCodes.Status400BadRequest, "Invalid history query", $"{errors.Count} problem(s) with the query.", errors);

    /// <summary>The shared reader (registered with the wall; made here for a host that did not register it).</summary>
    private static WardHistoryReader Reader(HttpContext http) =>
        ActivatorUtilities.GetServiceOrCreateInstance<WardHistoryReader>(http.RequestServices);
}
