using Ioc.Grains;
using Ioc.Ingest.Devices;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry.Json;
using Ioc.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Telemetry;

public sealed record TelemetryAccepted(int Accepted, int Duplicates);

/// <summary>POST /api/v1/telemetry exactly as telemetry-v1 says.</summary>
public static class TelemetryEndpoint
{
    public const string Path = "/api/v1/telemetry";
    public const string DevicePolicy = "device";

    public static IEndpointConventionBuilder MapIocTelemetry(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, Handle).RequireAuthorization(DevicePolicy).DisableAntiforgery().AddEndpointFilter(IngestMetrics.Filter);

    private static async Task<IResult> Handle(
        HttpContext http,
        TelemetryParser parser,
        ITelemetryDispatcher dispatcher,
        IBusinessEventSink businessEvents,
        DeviceRateLimiter limiter,
        IocClock clock,
        IOptions<IngestOptions> options,
        ILoggerFactory loggers)
    {
        var device = (DeviceInfo)http.Items[typeof(DeviceInfo)]!;
        if (limiter.TryAcquire(device.DeviceId) is { } wait)
            return Problems.Of(StatusCodes.Status429TooManyRequests, "Too many requests from this device", $"Retry after {Math.Ceiling(wait.TotalSeconds)} s.", retryAfter: wait);

        if (TelemetryContent.TypeProblem(http.Request) is { } badType) return badType;
        if (TelemetryContent.EncodingProblem(http.Request, out var gzip) is { } badEncoding) return badEncoding;

        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max && !gzip) return RequestBody.TooLarge(max);

        using var body = await RequestBody.Read(http.Request, gzip, max, TimeSpan.FromSeconds(options.Value.BodyTimeoutSeconds), http.RequestAborted);
        if (body.Problem is { } unread) return unread;
        if (BodyReader.Read(body.Bytes, out var jsonError) is not { } root)
            return Problems.Of(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body {jsonError}.", [new FieldError(-1, "body", jsonError!)]);

        var batch = parser.Parse(root, device, clock.GetUtcNow());
        http.Items[IngestMetrics.EventCountKey] = batch.Count;
        if (batch.TooManyEvents)
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"{batch.Count} events; at most {TelemetryParser.MaxEvents} in one batch.");
        if (batch.Forbidden.Count > 0)
            return Problems.Of(StatusCodes.Status403Forbidden, "Key valid, but not for this device or ward", batch.Forbidden);
        if (batch.Errors.Count > 0) return Problems.Of(StatusCodes.Status400BadRequest, "Invalid telemetry batch", batch.Errors);

        try
        {
            var result = await dispatcher.Dispatch(batch);
            if (batch.Business.Count > 0) businessEvents.OnAccepted(batch.Business);
            return Results.Json(new TelemetryAccepted(result.Accepted, result.Duplicates + batch.InBatchDuplicates), statusCode: StatusCodes.Status202Accepted);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(TelemetryEndpoint)).LogWarning(e, "Could not apply a batch of {Count} events from {Device}", batch.Count, device.DeviceId);
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "The center cannot apply events now",
                "Send the same batch again; event ids make that safe.", retryAfter: TimeSpan.FromSeconds(5));
        }
    }
}
