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

/// <summary>
/// <c>GET /api/v1/admin/history</c> with InfluxDB configured: the sample writer's state and, where this
/// process hosts a silo, the shipping of the wards' logged events.
/// </summary>
public sealed record HistoryStoreStatus(bool Configured, string Database, InfluxWriterStatus Writer, Ioc.Silo.History.EventShipperStatus? Events);

/// <summary>A ward's history as the pages read it (in process, no HTTP): see <see cref="WardHistoryReader"/>.</summary>
public interface IWardHistorySource
{
    /// <summary>True when InfluxDB is configured: only then is there a week-old history to compare with.</summary>
    bool KeepsLongHistory { get; }

    /// <summary>Today so far next to the same hours a week earlier, as <c>GET /api/v1/wards/{code}/history/compare</c> answers it now.</summary>
    Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, CancellationToken cancellationToken = default);
}

/// <summary>
/// Reads a ward's history for the history endpoints and the ward page alike: from InfluxDB when it is
/// configured and answers, otherwise from the ward grain's minute samples of the last 24 hours. The
/// week-old side of a comparison comes from InfluxDB only (source <c>none</c> without it).
/// </summary>
public sealed class WardHistoryReader(IGrainFactory grains, IocClock clock, ILogger<WardHistoryReader> logger, InfluxReader? influx = null)
    : IWardHistorySource
{
    private static readonly TimeSpan GrainWindow = TimeSpan.FromHours(24);
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public bool KeepsLongHistory => influx is not null;

    public Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, CancellationToken cancellationToken = default) =>
        Compare(ward, metric, step, clock.GetUtcNow(), cancellationToken);

    /// <summary>From Hanoi's midnight to <paramref name="now"/>, and the same range 7 days earlier.</summary>
    public async Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var from = HanoiTime.StartOf(HanoiTime.DayOf(now));
        var today = Read(ward, metric, from, now, step, now, cancellationToken);
        var lastWeek = influx is null
            ? Task.FromResult<(string, IReadOnlyList<HistoryPoint>)>((HistoryEndpoints.NoSource, []))
            : ReadInflux(influx, ward, metric, from - Week, now - Week, step, cancellationToken);
        var (todaySource, todayPoints) = await today;
        var (weekSource, weekPoints) = await lastWeek;
        return new WardHistoryComparison(ward, metric, (long)step.TotalSeconds, todaySource,
            new ComparedSeries(HanoiTime.ToLocal(from), HanoiTime.ToLocal(now), todaySource, todayPoints),
            new ComparedSeries(HanoiTime.ToLocal(from - Week), HanoiTime.ToLocal(now - Week), weekSource, weekPoints));
    }

    /// <summary>InfluxDB when configured and reachable, otherwise the ward grain's last 24 hours.</summary>
    public async Task<(string Source, IReadOnlyList<HistoryPoint> Points)> Read(
        string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (influx is not null)
        {
            var (source, points) = await ReadInflux(influx, ward, metric, from, to, step, cancellationToken);
            if (source == HistoryEndpoints.InfluxSource) return (source, points);
        }

        if (to <= from || to <= now - GrainWindow) return (HistoryEndpoints.GrainSource, []);
        var history = await grains.GetGrain<IWardGrain>(ward).GetHistory();
        return (HistoryEndpoints.GrainSource, HistoryQuery.Means(history.Minutes, metric, from, to, step));
    }

    /// <summary>The points from InfluxDB, or source <c>none</c> when it cannot answer now.</summary>
    private async Task<(string Source, IReadOnlyList<HistoryPoint> Points)> ReadInflux(
        InfluxReader reader, string ward, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step, CancellationToken cancellationToken)
    {
        if (to <= from) return (HistoryEndpoints.InfluxSource, []);
        try
        {
            var values = await reader.ReadWardHistoryAsync(ward, metric, from, to, step, cancellationToken);
            return (HistoryEndpoints.InfluxSource, [.. values.Select(v => new HistoryPoint(HanoiTime.ToLocal(v.Time), v.Value))]);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or InfluxException)
        {
            logger.LogWarning("InfluxDB could not answer a history query of ward {Ward} ({Error}); answering from the ward grain", ward, e.Message);
            return (HistoryEndpoints.NoSource, []);
        }
    }
}

/// <summary>
/// History of a ward: from InfluxDB when it is configured, otherwise from the ward grain's minute samples of
/// the last 24 hours (older ranges then have no points). Means per step bucket; empty buckets are left out.
/// </summary>
public static class HistoryEndpoints
{
    public const string InfluxSource = "influxdb";
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
        ClaimsPrincipal user, IocClock clock, HttpContext http)
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

        var (source, points) = await Reader(http).Read(code, m!, f!.Value, t!.Value, s!.Value, now, http.RequestAborted);
        return Results.Ok(new WardHistorySeries(code, m!, HanoiTime.ToLocal(f.Value), HanoiTime.ToLocal(t.Value),
            (long)s.Value.TotalSeconds, source, points));
    }

    private static async Task<IResult> Compare(
        string code, string? metric, string? step, ClaimsPrincipal user, IocClock clock, HttpContext http)
    {
        if (WardEndpoints.WardAccess(code, user) is { } denied) return denied;
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
