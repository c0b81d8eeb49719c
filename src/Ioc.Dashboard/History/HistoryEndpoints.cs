using System.Security.Claims;
using Ioc.Dashboard.Api;
using Ioc.Grains;
using Ioc.History;
using Ioc.Ingest.Http;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.History;

/// <summary>A ward's metric over time, as <c>GET /api/v1/wards/{code}/history</c> answers it.</summary>
public sealed record WardHistorySeries(
    string Ward, string Metric, DateTimeOffset From, DateTimeOffset To, long Step, string Source, IReadOnlyList<HistoryPoint> Points);

/// <summary>One side of a comparison: its range, where it came from (<c>influxdb</c>, <c>grain</c> or <c>none</c>) and its points.</summary>
public sealed record ComparedSeries(DateTimeOffset From, DateTimeOffset To, string Source, IReadOnlyList<HistoryPoint> Points);

/// <summary>Today so far next to the same hours of the same weekday a week earlier (points keep their own times).</summary>
public sealed record WardHistoryComparison(
    string Ward, string Metric, long Step, string Source, ComparedSeries Today, ComparedSeries LastWeek);

/// <summary><c>GET /api/v1/admin/history</c> with InfluxDB configured: the writer's state.</summary>
public sealed record HistoryStoreStatus(
    bool Configured,
    string Database,
    bool Connected,
    long Backlog,
    long SpilledPoints,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    long WrittenPoints,
    long QueuedPoints,
    long DroppedPoints);

/// <summary>
/// History of a ward: from InfluxDB when it is configured, otherwise from the ward grain's minute samples of
/// the last 24 hours (older ranges then have no points). Means per step bucket; empty buckets are left out.
/// </summary>
public static class HistoryEndpoints
{
    public const string InfluxSource = "influxdb";
    public const string GrainSource = "grain";
    public const string NoSource = "none";

    private static readonly TimeSpan GrainWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

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
        ClaimsPrincipal user, IGrainFactory grains, IocClock clock, HttpContext http)
    {
        if (WardEndpoints.WardAccess(code, user) is { } denied) return denied;
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var m = HistoryQuery.Metric(metric, errors);
        var s = HistoryQuery.Step(step, errors);
        var f = HistoryQuery.Time("from", from, HanoiTime.StartOf(HanoiTime.DayOf(now)), errors);
        var t = HistoryQuery.Time("to", to, now, errors);
        if (s is { } st && f is { } ff && t is { } tt) HistoryQuery.Range(ff, tt, st, errors);
        if (errors.Count > 0) return Invalid(errors);

        var (source, points) = await Read(http, grains, code, m!, f!.Value, t!.Value, s!.Value, now);
        return Results.Ok(new WardHistorySeries(code, m!, HanoiTime.ToLocal(f.Value), HanoiTime.ToLocal(t.Value),
            (long)s.Value.TotalSeconds, source, points));
    }

    private static async Task<IResult> Compare(
        string code, string? metric, string? step, ClaimsPrincipal user, IGrainFactory grains, IocClock clock, HttpContext http)
    {
        if (WardEndpoints.WardAccess(code, user) is { } denied) return denied;
        var now = clock.GetUtcNow();
        var errors = new List<FieldError>();
        var m = HistoryQuery.Metric(metric, errors);
        var s = HistoryQuery.Step(step, errors);
        var from = HanoiTime.StartOf(HanoiTime.DayOf(now));
        if (s is { } st && now > from) HistoryQuery.Range(from, now, st, errors);
        if (errors.Count > 0) return Invalid(errors);

        var today = Read(http, grains, code, m!, from, now, s!.Value, now);
        var reader = http.RequestServices.GetService<InfluxReader>();
        var lastWeek = reader is null
            ? Task.FromResult<(string, IReadOnlyList<HistoryPoint>)>((NoSource, []))
            : ReadInflux(http, reader, code, m!, from - Week, now - Week, s.Value);
        var (todaySource, todayPoints) = await today;
        var (weekSource, weekPoints) = await lastWeek;
        return Results.Ok(new WardHistoryComparison(code, m!, (long)s.Value.TotalSeconds, todaySource,
            new ComparedSeries(HanoiTime.ToLocal(from), HanoiTime.ToLocal(now), todaySource, todayPoints),
            new ComparedSeries(HanoiTime.ToLocal(from - Week), HanoiTime.ToLocal(now - Week), weekSource, weekPoints)));
    }

    private static IResult Status(HttpContext http)
    {
        if (http.RequestServices.GetService<InfluxWriter>() is not { } writer) return Results.Ok(new { configured = false });
        var s = writer.GetStatus();
        var database = http.RequestServices.GetRequiredService<IOptions<InfluxOptions>>().Value.Database;
        return Results.Ok(new HistoryStoreStatus(true, database, s.Connected, s.Backlog, s.SpilledPoints, s.LastError,
            s.LastErrorAt is { } at ? HanoiTime.ToLocal(at) : null, s.WrittenPoints, s.QueuedPoints, s.DroppedPoints));
    }

    private static IResult Invalid(List<FieldError> errors) =>
        Problems.Of(StatusCodes.Status400BadRequest, "Invalid history query", $"{errors.Count} problem(s) with the query.", errors);

    /// <summary>InfluxDB when configured and reachable, otherwise the ward grain's last 24 hours.</summary>
    private static async Task<(string Source, IReadOnlyList<HistoryPoint> Points)> Read(
        HttpContext http, IGrainFactory grains, string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset now)
    {
        if (http.RequestServices.GetService<InfluxReader>() is { } reader)
        {
            var (source, points) = await ReadInflux(http, reader, ward, metric, from, to, step);
            if (source == InfluxSource) return (source, points);
        }

        if (to <= from || to <= now - GrainWindow) return (GrainSource, []);
        var history = await grains.GetGrain<IWardGrain>(ward).GetHistory();
        return (GrainSource, HistoryQuery.Means(history.Minutes, metric, from, to, step));
    }

    /// <summary>The points from InfluxDB, or source <c>none</c> when it cannot answer now.</summary>
    private static async Task<(string Source, IReadOnlyList<HistoryPoint> Points)> ReadInflux(
        HttpContext http, InfluxReader reader, string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        if (to <= from) return (InfluxSource, []);
        try
        {
            var values = await reader.ReadWardHistoryAsync(ward, metric, from, to, step, http.RequestAborted);
            return (InfluxSource, [.. values.Select(v => new HistoryPoint(HanoiTime.ToLocal(v.Time), v.Value))]);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InfluxException)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HistoryEndpoints))
                .LogWarning("InfluxDB could not answer a history query of ward {Ward} ({Error}); answering from the ward grain", ward, e.Message);
            return (NoSource, []);
        }
    }
}
