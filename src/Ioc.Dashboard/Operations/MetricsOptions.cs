namespace Ioc.Dashboard.Operations;

/// <summary>
/// Who may scrape <c>/metrics</c> (section <c>Ioc:Metrics</c>): a signed-in admin, a request from this machine
/// (loopback, not forwarded by a proxy) unless <see cref="AllowLoopback"/> is off, or one with
/// <c>Authorization: Bearer {ScrapeToken}</c>. Anyone else gets 401 (anonymous) or 403.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Ioc:Metrics";

    public bool Enabled { get; set; } = true;

    public string Path { get; set; } = "/metrics";

    public bool AllowLoopback { get; set; } = true;

    /// <summary>A long random secret for a Prometheus elsewhere; unset, only loopback and admins may scrape.</summary>
    public string? ScrapeToken { get; set; }
}
