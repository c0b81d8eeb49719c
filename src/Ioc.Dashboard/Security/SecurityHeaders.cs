namespace Ioc.Dashboard.Security;

/// <summary>
/// Headers on every answer (pages, API, files): a Content-Security-Policy that lets a page load
/// only this site's own scripts, styles, images and connections, framing refused everywhere,
/// no MIME sniffing, no referrer sent to other sites.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// What Blazor Server and Plotly need and nothing more: scripts and styles from this site only
    /// (no inline script, no eval); <c>style-src-attr 'unsafe-inline'</c> because the pages position
    /// panels and robots with <c>style="…"</c> (grid areas and transforms from the layout files),
    /// which Blazor sets as attributes; <c>img-src data:</c> for the images Plotly draws its
    /// mode bar and downloads with; <c>connect-src 'self'</c> covers Blazor's and the feed's
    /// WebSockets to this same host.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; "
        + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static Task Run(HttpContext http, RequestDelegate next)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(http);
    }
}
