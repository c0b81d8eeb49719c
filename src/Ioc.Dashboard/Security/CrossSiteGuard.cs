using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ioc.Dashboard.Security;

/// <summary>
/// Cross-site request forgery, refused for every request a browser could be tricked into
/// sending with the person's cookie: a state change (any method but GET/HEAD/OPTIONS) or a
/// WebSocket (the live feed, Blazor's circuit) must come from this site's own pages (its
/// <c>Origin</c>, or <c>Referer</c> when a browser sends no Origin), and a cookie-authenticated
/// API call must also carry <see cref="Header"/>, which no other site can add without a CORS
/// preflight this center never grants. The sign-in cookie is SameSite=Strict as well, but SameSite
/// trusts every host of the same site (another *.gov.vn service); this does not. Requests with an
/// <c>Authorization</c> header (tokens, device keys) are not at risk: a browser never adds one by itself.
/// </summary>
public static class CrossSiteGuard
{
    public const string Header = "X-Requested-With";

    public static Task Run(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var unsafeMethod = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (!unsafeMethod && !http.WebSockets.IsWebSocketRequest) return next(http);
        if (request.Headers.Authorization.Count > 0) return next(http);

        if (ForeignSource(request) is { } source)
            return Refuse(http, $"This request came from {source}, not from this site's own pages.");
        var byCookie = http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;
        if (unsafeMethod && byCookie && request.Path.StartsWithSegments("/api") && string.IsNullOrWhiteSpace(request.Headers[Header]))
            return Refuse(http, $"A signed-in browser's API call that changes something must carry the header '{Header}'.");
        return next(http);
    }

    /// <summary>Where the request says it came from, when that is not this site.</summary>
    private static string? ForeignSource(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site && site.ToString() == "cross-site") return "another site";
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0) return SameOrigin(request, origin) ? null : "origin " + Shorten(origin);
        var referer = request.Headers.Referer.ToString();
        if (referer.Length > 0 && !SameOrigin(request, referer)) return "a page of another site";
        return null;
    }

    private static bool SameOrigin(HttpRequest request, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) return false;
        // Behind a TLS-terminating proxy the scheme seen here may differ from the browser's: compare host and port.
        return string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || (uri.IsDefaultPort && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && request.Host.Port is null);
    }

    private static string Shorten(string s) => s.Length <= 60 ? s : s[..60] + "…";

    private static Task Refuse(HttpContext http, string detail) =>
        Problems.Of(StatusCodes.Status403Forbidden, "Cross-site request refused", detail).ExecuteAsync(http);
}
