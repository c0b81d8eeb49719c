using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry.Json;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// The one path a batch takes after its transport: rate limit, size, JSON, every rule of
/// telemetry-v1, then the grains. HTTP and MQTT differ only in how they read the bytes and how they
/// answer the <see cref="IntakeOutcome"/>; validation, limits and dedupe are the same by construction.
/// </summary>
public sealed class TelemetryIntake(
    TelemetryParser parser,
    ITelemetryDispatcher dispatcher,
    DeviceRateLimiter limiter,
    IocClock clock,
    IOptions<IngestOptions> options,
    ILogger<TelemetryIntake> logger)
{
    public int MaxBodyBytes => options.Value.MaxBodyBytes;

    /// <summary>Null when the device may send a batch now, else the 429.</summary>
    public IntakeOutcome? Admit(DeviceInfo device) =>
        limiter.TryAcquire(device.DeviceId) is { } wait
            ? IntakeOutcome.Refused(Problems.Details(StatusCodes.Status429TooManyRequests, "Too many requests from this device",
                $"Retry after {Math.Ceiling(wait.TotalSeconds)} s."), retryAfter: wait)
            : null;

    public static IntakeOutcome TooLarge(int max) =>
        IntakeOutcome.Refused(Problems.Details(StatusCodes.Status413PayloadTooLarge, "Batch too large",
            $"At most {max} bytes after decompression."));

    /// <summary>Checks and applies a batch the device sent (already admitted); never throws but for cancellation.</summary>
    public async Task<IntakeOutcome> Apply(DeviceInfo device, ReadOnlyMemory<byte> body, CancellationToken aborted)
    {
        if (body.Length > MaxBodyBytes) return TooLarge(MaxBodyBytes);
        // The tree lives only while it is checked: its nodes serve this thread's next body.
        var scratch = BodyScratch.Rent();
        ParsedBatch batch;
        try
        {
            if (BodyReader.Read(body.Span, scratch, out var jsonError) is not { } root)
                return IntakeOutcome.Refused(Problems.Details(StatusCodes.Status400BadRequest, "Malformed JSON", $"The body {jsonError}.",
                    [new FieldError(-1, "body", jsonError!)]));
            batch = parser.Parse(root, device, clock.GetUtcNow());
        }
        finally
        {
            BodyScratch.Return(scratch);
        }
        if (batch.TooManyEvents)
            return IntakeOutcome.Refused(Problems.Details(StatusCodes.Status413PayloadTooLarge, "Batch too large",
                $"{batch.Count} events; at most {TelemetryParser.MaxEvents} in one batch."), batch.Count);
        if (batch.Forbidden.Count > 0)
            return IntakeOutcome.Refused(Problems.Details(StatusCodes.Status403Forbidden, "Key valid, but not for this device or ward", batch.Forbidden), batch.Count);
        if (batch.Errors.Count > 0)
            return IntakeOutcome.Refused(Problems.Details(StatusCodes.Status400BadRequest, "Invalid telemetry batch", batch.Errors), batch.Count);

        try
        {
            var result = await dispatcher.Dispatch(batch);
            return IntakeOutcome.Applied(new TelemetryAccepted(result.Accepted, result.Duplicates + batch.InBatchDuplicates), batch.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException || !aborted.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not apply a batch of {Count} events from {Device}", batch.Count, device.DeviceId);
            return IntakeOutcome.Refused(Problems.Details(StatusCodes.Status503ServiceUnavailable, "The center cannot apply events now",
                "Send the same batch again; event ids make that safe."), batch.Count, Problems.ClusterRetryAfter);
        }
    }
}
