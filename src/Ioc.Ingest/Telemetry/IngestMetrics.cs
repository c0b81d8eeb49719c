using System.Diagnostics;
using System.Diagnostics.Metrics;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// Meter <c>Ioc.Ingest</c>: what the telemetry endpoint did with each batch, recorded by an endpoint filter
/// around it from the answer it gave. <c>ioc.ingest.events</c> counts events by <c>outcome</c> (accepted,
/// duplicate, refused) and, when refused, <c>reason</c>; <c>ioc.ingest.batches</c> and the
/// <c>ioc.ingest.batch.duration</c> histogram count and time batches by <c>outcome</c> (accepted or the reason).
/// </summary>
public sealed class IngestMetrics
{
    public const string MeterName = "Ioc.Ingest";

    /// <summary>Where the endpoint leaves the number of events of a batch it read (a refused batch's events are counted too).</summary>
    public const string EventCountKey = "ioc.ingest.event-count";

    private readonly Counter<long> _events;
    private readonly Counter<long> _batches;
    private readonly Histogram<double> _duration;

    public IngestMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _events = meter.CreateCounter<long>("ioc.ingest.events", "{event}", "Telemetry events by outcome (accepted, duplicate, refused) and refusal reason");
        _batches = meter.CreateCounter<long>("ioc.ingest.batches", "{batch}", "Telemetry batches by outcome: accepted or the reason they were refused");
        _duration = meter.CreateHistogram("ioc.ingest.batch.duration", "s", "Time from reading a telemetry batch to its answer",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    /// <summary>The filter that records every answer of the endpoint it is added to.</summary>
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var http = context.HttpContext;
        object? result = null;
        try
        {
            result = await next(context);
            return result;
        }
        finally
        {
            http.RequestServices.GetService<IngestMetrics>()?.Record(http, result, Stopwatch.GetElapsedTime(started));
        }
    }

    private void Record(HttpContext http, object? result, TimeSpan elapsed)
    {
        var count = http.Items[EventCountKey] is int n ? n : 0;
        if (result is IValueHttpResult { Value: TelemetryAccepted accepted }) Record(count, accepted, "accepted", elapsed);
        else Record(count, null, Reason((result as IStatusCodeHttpResult)?.StatusCode, (result as IValueHttpResult)?.Value as ProblemDetails), elapsed);
    }

    /// <summary>A batch that came by another transport (MQTT).</summary>
    public void Record(IntakeOutcome outcome, TimeSpan elapsed) =>
        Record(outcome.EventCount, outcome.Accepted, outcome.Accepted is null ? Reason(outcome.Status, outcome.Problem) : "accepted", elapsed);

    private void Record(int count, TelemetryAccepted? accepted, string outcome, TimeSpan elapsed)
    {
        if (accepted is not null)
        {
            _events.Add(accepted.Accepted, new KeyValuePair<string, object?>("outcome", "accepted"));
            _events.Add(accepted.Duplicates, new KeyValuePair<string, object?>("outcome", "duplicate"));
        }
        else if (count > 0) _events.Add(count, new("outcome", "refused"), new("reason", outcome));
        _batches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        _duration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>Why a batch was refused, from the status of its answer (and, for 400, whether the body could be read at all).</summary>
    public static string Reason(int? status, ProblemDetails? problem) => status switch
    {
        StatusCodes.Status400BadRequest when problem is not null
            && problem.Extensions.TryGetValue("errors", out var e) && e is IReadOnlyList<FieldError> errors && errors.Any(x => x.Field == "body") => "malformed",
        StatusCodes.Status400BadRequest => "invalid",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "error",
    };
}
