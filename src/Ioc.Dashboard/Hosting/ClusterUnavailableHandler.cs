using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace Ioc.Dashboard.Hosting;

/// <summary>
/// While no silo answers (one restarting, the gateway being replaced) a request that needs the grains
/// is a 503 with <c>Retry-After</c>, as the ingest answers devices; not a 500 that reads as a bug.
/// </summary>
public sealed class ClusterUnavailableHandler(ILogger<ClusterUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception) || http.Response.HasStarted) return false;
        logger.LogWarning(exception, "The cluster could not answer {Method} {Path}", http.Request.Method, http.Request.Path);
        var problem = Problems.Details(StatusCodes.Status503ServiceUnavailable, "The center cannot answer now",
            "No silo answered in time; try again shortly.");
        await Problems.Result(problem, Problems.ClusterRetryAfter).ExecuteAsync(http);
        return true;
    }

    /// <summary>Orleans' own "no silo took the message" kinds, and a grain call that timed out.</summary>
    private static bool IsUnavailable(Exception e) => e switch
    {
        Orleans.Runtime.OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException
            or Orleans.Runtime.GatewayTooBusyException or TimeoutException => true,
        AggregateException { InnerExceptions.Count: 1 } a => IsUnavailable(a.InnerException!),
        _ => false,
    };
}
