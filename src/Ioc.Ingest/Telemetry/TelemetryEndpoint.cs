using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using Ioc.Grains;
using Ioc.Ingest.Devices;
using Ioc.Ingest.Http;
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

        if (!(http.Request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return Problems.Field("Content-Type", "must be application/json", StatusCodes.Status415UnsupportedMediaType);

        var max = options.Value.MaxBodyBytes;
        if (http.Request.ContentLength > max && !IsGzip(http.Request))
            return Problems.Of(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"At most {max} bytes after decompression.");

        byte[]? rented = null;
        try
        {
            int length;
            try
            {
                (rented, length) = await ReadBody(http.Request, max, http.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return Problems.Field("body", "is not valid gzip");
            }
            if (length > max)
                return Problems.Of(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"At most {max} bytes after decompression.");

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(rented.AsMemory(0, length));
            }
            catch (JsonException e)
            {
                return Problems.Of(StatusCodes.Status400BadRequest, "Malformed JSON", e.Message, [new FieldError(-1, "body", "is not valid JSON")]);
            }
            using (doc)
            {
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
                    return Problems.BadRequest([new FieldError(-1, "events", "is required: {\"events\": [ ... ]}")]);
                var count = events.GetArrayLength();
                http.Items[IngestMetrics.EventCountKey] = count;
                if (count > TelemetryParser.MaxEvents)
                    return Problems.Of(StatusCodes.Status413PayloadTooLarge, "Batch too large", $"{count} events; at most {TelemetryParser.MaxEvents} in one batch.");
                if (count == 0)
                    return Problems.BadRequest([new FieldError(-1, "events", "must hold 1 to 5,000 events")]);

                var batch = parser.Parse(root, device, clock.GetUtcNow());
                if (batch.Forbidden.Count > 0)
                    return Problems.Of(StatusCodes.Status403Forbidden, "Key valid, but not for this device or ward",
                        "Nothing of the batch was applied.", batch.Forbidden);
                if (batch.Errors.Count > 0) return Problems.BadRequest(batch.Errors);

                try
                {
                    var result = await dispatcher.Dispatch(batch);
                    if (batch.Business.Count > 0) businessEvents.OnAccepted(batch.Business);
                    return Results.Json(new TelemetryAccepted(result.Accepted, result.Duplicates + batch.InBatchDuplicates), statusCode: StatusCodes.Status202Accepted);
                }
                catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
                {
                    loggers.CreateLogger(typeof(TelemetryEndpoint)).LogWarning(e, "Could not apply a batch of {Count} events from {Device}", count, device.DeviceId);
                    return Problems.Of(StatusCodes.Status503ServiceUnavailable, "The center cannot apply events now",
                        "Send the same batch again; event ids make that safe.", retryAfter: TimeSpan.FromSeconds(5));
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsGzip(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most max+1 bytes, so an oversized body is detected without reading it all.</summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBody(HttpRequest request, int max, CancellationToken ct)
    {
        Stream body = request.Body;
        if (IsGzip(request)) body = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1L, Math.Max(4096, request.ContentLength ?? 64 * 1024) + 1));
        var length = 0;
        try
        {
            while (length <= max)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(max + 1, buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var n = await body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, max + 1) - length), ct);
                if (n == 0) break;
                length += n;
            }
            return (buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        finally
        {
            if (body != request.Body) await body.DisposeAsync();
        }
    }
}
