using System.Net;
using Ioc.Tests.Accounts;

namespace Ioc.Tests.Security;

/// <summary>Every answer, page or API, carries the security headers and names no server.</summary>
public sealed class SecurityHeaderTests(CenterHost host) : IClassFixture<CenterHost>, IDisposable
{
    private readonly Browserless _web = new(host);

    public void Dispose() => _web.Dispose();

    internal static void HasSecurityHeaders(HttpResponseMessage r, string what)
    {
        var csp = string.Join(";", r.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("http", csp);
        Assert.DoesNotContain("*", csp);
        Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", r.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(r.Headers.Contains("Server"), $"{what} names its server: {string.Join(",", r.Headers.Server)}");
    }

    [Fact]
    public async Task Pages_api_and_files_refuse_framing_and_sniffing_and_name_no_server()
    {
        var admin = await _web.Cookie("admin", CenterHost.AdminPassword);
        var token = await host.AdminToken();
        var answers = new (string What, HttpResponseMessage Response)[]
        {
            ("sign-in page", await _web.Send(HttpMethod.Get, "/login")),
            ("wall", await _web.Send(HttpMethod.Get, "/", admin)),
            ("ward page", await _web.Send(HttpMethod.Get, "/wards/00004", admin)),
            ("reports page", await _web.Send(HttpMethod.Get, "/reports", admin)),
            ("rankings page", await _web.Send(HttpMethod.Get, "/rankings", admin)),
            ("api", await _web.Send(HttpMethod.Get, "/api/v1/wards", token: token)),
            ("api 401", await _web.Send(HttpMethod.Get, "/api/v1/wards")),
            ("telemetry 401", await _web.Send(HttpMethod.Post, "/api/v1/telemetry", body: new { })),
            ("a file", await _web.Send(HttpMethod.Get, "/favicon.svg")),
            ("blazor script", await _web.Send(HttpMethod.Get, "/_framework/blazor.web.js")),
            ("not found", await _web.Send(HttpMethod.Get, "/api/v1/nothing-here", token: token)),
            ("health", await _web.Send(HttpMethod.Get, "/healthz")),
        };
        foreach (var (what, r) in answers) HasSecurityHeaders(r, what);
        Assert.Equal(HttpStatusCode.OK, answers[1].Response.StatusCode);
    }
}
