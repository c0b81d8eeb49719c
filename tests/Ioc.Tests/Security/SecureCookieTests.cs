using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Net;

namespace Ioc.Tests.Security;

public sealed class SecureCookieTests(HttpsHost host) : IClassFixture<HttpsHost>
{
    private static string SetCookie(HttpResponseMessage r, string name) =>
        r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [Fact]
    public async Task Over_https_every_cookie_is_secure()
    {
        using var client = host.Https();
        Assert.Equal("https", client.BaseAddress!.Scheme);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = CenterHost.AdminPassword });
        login.EnsureSuccessStatusCode();
        var page = await client.GetAsync("/login");
        var lang = await client.GetAsync("/account/lang/en?returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, lang.StatusCode);
        foreach (var cookie in new[] { SetCookie(login, "ioc.auth"), SetCookie(page, "ioc.af"), SetCookie(lang, "ioc.lang") })
        {
            Assert.Matches(new Regex("; secure", RegexOptions.IgnoreCase), cookie);
            Assert.Matches(new Regex("; httponly", RegexOptions.IgnoreCase), cookie);
        }
        Assert.Matches(new Regex("samesite=strict", RegexOptions.IgnoreCase), SetCookie(login, "ioc.auth"));
        SecurityHeaderTests.HasSecurityHeaders(page, "sign-in page over https");
    }
}
