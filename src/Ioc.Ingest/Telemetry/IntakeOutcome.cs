using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Mvc;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// What became of one batch, whatever brought it (HTTP or MQTT): accepted, or refused with the
/// problem+json the spec names for that status. Each transport only maps this onto its own answer.
/// </summary>
public sealed class IntakeOutcome
{
    private IntakeOutcome(int status, TelemetryAccepted? accepted, ProblemDetails? problem, TimeSpan? retryAfter, int events)
    {
        Status = status;
        Accepted = accepted;
        Problem = problem;
        RetryAfter = retryAfter;
        EventCount = events;
    }

    /// <summary>The HTTP status of telemetry-v1's "Answers" table.</summary>
    public int Status { get; }

    public TelemetryAccepted? Accepted { get; }

    public ProblemDetails? Problem { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Events in the batch (a refused batch's too), for the metrics.</summary>
    public int EventCount { get; }

    public static IntakeOutcome Applied(TelemetryAccepted accepted, int events) => new(202, accepted, null, null, events);

    public static IntakeOutcome Refused(ProblemDetails problem, int events = 0, TimeSpan? retryAfter = null) =>
        new(problem.Status ?? 400, null, problem, retryAfter, events);

    /// <summary>The errors the problem lists (none for a problem without <c>errors</c>).</summary>
    public IReadOnlyList<FieldError> Errors =>
        Problem is not null && Problem.Extensions.TryGetValue("errors", out var e) && e is IReadOnlyList<FieldError> list ? list : [];

    /// <summary>The first error as <c>index field: message</c> (the MQTT reason string), else the title.</summary>
    public string? FirstError => Errors is [var first, ..] ? $"{first.Index} {first.Field}: {first.Message}" : Problem?.Title;
}
