using Microsoft.AspNetCore.Mvc;

namespace Ioc.Ingest.Http;

/// <summary>problem+json answers with the shapes the specs name.</summary>
public static class Problems
{
    /// <summary>How long a client waits before trying again while no silo answers (ingest and dashboard alike).</summary>
    public static readonly TimeSpan ClusterRetryAfter = TimeSpan.FromSeconds(5);

    public static IResult Of(int status, string title, string? detail = null, IReadOnlyList<FieldError>? errors = null, TimeSpan? retryAfter = null) =>
        Result(Details(status, title, detail, errors), retryAfter);

    /// <summary>The first <see cref="ErrorList.Shown"/> errors and, as <c>errorCount</c>, how many there were.</summary>
    public static IResult Of(int status, string title, ErrorList errors) => Result(Details(status, title, errors), null);

    public static ProblemDetails Details(int status, string title, string? detail = null, IReadOnlyList<FieldError>? errors = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = $"https://httpstatuses.io/{status}" };
        if (errors is { Count: > 0 }) problem.Extensions["errors"] = errors;
        return problem;
    }

    public static ProblemDetails Details(int status, string title, ErrorList errors)
    {
        var detail = errors.Count > errors.First.Count
            ? $"{errors.Count} problem(s), the first {errors.First.Count} listed; nothing of the batch was applied."
            : $"{errors.Count} problem(s); nothing of the batch was applied.";
        var problem = Details(status, title, detail, errors.First);
        problem.Extensions["errorCount"] = errors.Count;
        return problem;
    }

    /// <summary>A problem as an HTTP answer, with <c>Retry-After</c> when the client should wait.</summary>
    public static IResult Result(ProblemDetails problem, TimeSpan? retryAfter) => new ProblemResult(problem, retryAfter);

    public static IResult BadRequest(IReadOnlyList<FieldError> errors, string title = "Invalid telemetry batch") =>
        Of(StatusCodes.Status400BadRequest, title, $"{errors.Count} problem(s); nothing of the batch was applied.", errors);

    public static IResult Field(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        Of(status, message, null, [new FieldError(-1, field, message)]);

    private sealed class ProblemResult(ProblemDetails problem, TimeSpan? retryAfter) : IResult, IStatusCodeHttpResult, IValueHttpResult
    {
        public int? StatusCode => problem.Status;

        public object? Value => problem;

        public Task ExecuteAsync(HttpContext http)
        {
            if (retryAfter is { } r)
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(r.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(problem).ExecuteAsync(http);
        }
    }
}
