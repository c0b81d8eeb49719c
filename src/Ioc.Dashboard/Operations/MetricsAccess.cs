using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Operations;

/// <summary>The gate in front of <c>/metrics</c>: see <see cref="MetricsOptions"/>.</summary>
public static class MetricsAccess
{
    public static Task Gate(HttpContext http, RequestDelegate next)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!http.Request.Path.Equals(options.Path, StringComparison.OrdinalIgnoreCase) || MayScrape(http, options)) return next(http);
        return http.User.Identity?.IsAuthenticated == true
            ? Problems.Of(StatusCodes.Status403Forbidden, "Metrics are for admins and the configured scraper").ExecuteAsync(http)
            : Problems.Of(StatusCodes.Status401Unauthorized, "Sign in first, or scrape with the configured token").ExecuteAsync(http);
    }

    public static bool MayScrape(HttpContext http, MetricsOptions options)
    {
        if (http.User.IsInRole(Roles.Admin)) return true;
        if (options.ScrapeToken is { Length: > 0 } secret
            && http.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(secret)))
            return true;
        // A reverse proxy on this machine would make every caller look local: a forwarded request is not.
        return options.AllowLoopback && http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
            && !http.Request.Headers.ContainsKey("X-Forwarded-For") && !http.Request.Headers.ContainsKey("Forwarded");
    }
}
