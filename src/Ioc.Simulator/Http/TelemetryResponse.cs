using System.Net;

namespace Ioc.Simulator.Http;

/// <summary>The answer to one telemetry POST (no retry inside).</summary>
public sealed record TelemetryResponse(HttpStatusCode? Status, TimeSpan? RetryAfter, int Accepted, int Duplicates, string? Body, Exception? Error)
{
    public bool IsSuccess => Status is HttpStatusCode.Accepted or HttpStatusCode.OK;
}
