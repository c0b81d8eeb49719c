using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Accounts;

public sealed class AccountHost : CenterHost
{
    // Lockouts short enough to see one end; the per-address limit is AddressLimitTests' business.
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Ioc:Accounts:LockoutMinutes", "0.25"), new("Ioc:Accounts:MaxFailuresPerAddress", "1000")];
}

/// <summary>One test per account defect of issue 9, each named as the rule it proves.</summary>
public sealed class AccountRuleTests(AccountHost host) : IClassFixture<AccountHost>, IDisposable
{
    private readonly Browserless _web = new(host);

    public void Dispose() => _web.Dispose();

    public static TheoryData<string> OffSite() =>
    [
        "/%09/evil.example", "/\t/evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example", "http:evil.example",
        "/%0d%0a/evil.example", "/\r\n/evil.example", " //evil.example", "/ /evil.example", "%2F%2Fevil.example", "/\u3000/evil.example",
        "javascript:alert(1)", "/\u00A0/evil.example", "///evil.example", "/\\/evil.example", "evil.example", "@evil.example",
    ];

    /// <summary>Where a browser goes with this Location: it drops tabs and newlines and reads '\\' as '/' (WHATWG URL).</summary>
    private static void LandsHere(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var location = r.Headers.Location!.OriginalString;
        Assert.DoesNotMatch("[\\x00-\\x20\\x7F]", location);
        var asBrowser = new Uri(new Uri("http://center.test/"), location.Replace('\\', '/'));
        Assert.Equal("center.test", asBrowser.Host);
        Assert.StartsWith("/", location);
    }

    [Theory]
    [MemberData(nameof(OffSite))]
    public async Task A_return_url_never_leads_off_site_from_the_language_switch_or_sign_in(string returnUrl)
    {
        LandsHere(await _web.Send(HttpMethod.Get, $"/account/lang/en?returnUrl={Uri.EscapeDataString(returnUrl)}"));
        LandsHere(await _web.Client.GetAsync("/account/lang/en?returnUrl=" + returnUrl.Replace("\t", "%09").Replace("\r", "%0d").Replace("\n", "%0a")));
        LandsHere(await _web.PostLoginForm("admin", CenterHost.AdminPassword, returnUrl));
        // A path of this site is still followed.
        var own = await _web.PostLoginForm("admin", CenterHost.AdminPassword, "/alerts?state=open");
        Assert.Equal("/alerts?state=open", own.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one_until_the_lockout_ends()
    {
        await host.CreateUser("lock.me", "lock-me-password-ok", "city");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "lock.me", password = $"guess-{i}" })).StatusCode);

        // The right password now: refused on every way in, with how long to wait.
        var token = await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "lock.me", password = "lock-me-password-ok" });
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        Assert.Equal("application/problem+json", token.Content.Headers.ContentType?.MediaType);
        Assert.InRange(token.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 15);
        var api = await _web.Send(HttpMethod.Post, "/api/v1/auth/login", body: new { username = "lock.me", password = "lock-me-password-ok" });
        Assert.Equal(HttpStatusCode.TooManyRequests, api.StatusCode);
        Assert.Null(Browserless.CookieOf(api, "ioc.auth"));
        var form = await _web.PostLoginForm("lock.me", "lock-me-password-ok");
        Assert.StartsWith("/login?error=locked", form.Headers.Location!.OriginalString);
        Assert.NotNull(form.Headers.RetryAfter);
        Assert.Null(Browserless.CookieOf(form, "ioc.auth"));
        var page = await (await _web.Client.GetAsync(form.Headers.Location)).Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"login-locked\"", page);

        // A username nobody has locks the same way, so a lockout does not tell which names exist.
        for (var i = 0; i < 5; i++) await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "no.such.person", password = $"guess-{i}" });
        Assert.Equal(HttpStatusCode.TooManyRequests, (await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "no.such.person", password = "x" })).StatusCode);

        // When the lockout (15 s here) is over, the right password works again.
        var deadline = DateTime.UtcNow.AddSeconds(90);
        HttpStatusCode last;
        do
        {
            await Task.Delay(500);
            last = (await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "lock.me", password = "lock-me-password-ok" })).StatusCode;
        } while (last == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, last);
    }

    [Fact]
    public async Task A_cookie_request_from_another_origin_or_without_the_api_header_changes_nothing()
    {
        await host.CreateUser("csrf.leader", "csrf-leader-password", "city");
        var leader = await _web.Cookie("csrf.leader", "csrf-leader-password");
        var admin = await _web.Cookie("admin", CenterHost.AdminPassword);
        var dvc = await host.Provision("csrf-dvc", "dossier-system", "00118");
        await host.PostAccepted(dvc, Received("csrf-dvc", "00118", host.Now.AddDays(-1), "HS-CSRF", host.Now.AddMinutes(-1)));
        var alert = (await host.Get("/api/v1/alerts?ward=00118")).EnumerateArray().First(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString();
        var robotKey = await host.Provision("csrf-robot", "robot", "00118");

        var forged = new (string Origin, bool Header)[] { ("https://evil.example", true), ("null", true), (_web.Origin, false), ("", false) };
        foreach (var (origin, header) in forged)
        {
            var headers = new Dictionary<string, string>();
            if (origin.Length > 0) headers["Origin"] = origin;
            if (header) headers["X-Requested-With"] = "fetch";
            foreach (var action in new[] { "acknowledge", "resolve" })
                Assert.Equal(HttpStatusCode.Forbidden, (await _web.Send(HttpMethod.Post, $"/api/v1/alerts/{alert}/{action}", leader, headers: headers)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await _web.Send(HttpMethod.Post, "/api/v1/devices/csrf-robot/key", admin, headers: headers)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await _web.Send(HttpMethod.Post, "/api/v1/devices", admin,
                body: new { deviceId = "csrf-new", kind = "robot", ward = "00118" }, headers: headers)).StatusCode);
        }
        Assert.Equal("open", (await host.Get("/api/v1/alerts?ward=00118")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == alert).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(robotKey, RobotState("csrf-robot", "00118", host.Now))).StatusCode);
        Assert.DoesNotContain((await host.Get("/api/v1/devices")).EnumerateArray(), d => d.GetProperty("deviceId").GetString() == "csrf-new");

        // The site's own page, with its Origin and the header, may.
        var acked = await _web.Send(HttpMethod.Post, $"/api/v1/alerts/{alert}/acknowledge", leader, headers: _web.SameSite);
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        Assert.Equal("csrf.leader", (await acked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task Signing_out_ends_that_cookie_at_once()
    {
        await host.CreateUser("out.cookie", "out-cookie-password", "city");
        var cookie = await _web.Cookie("out.cookie", "out-cookie-password");
        var other = await _web.Cookie("out.cookie", "out-cookie-password");
        Assert.Equal(HttpStatusCode.OK, (await _web.Send(HttpMethod.Get, "/api/v1/wards", cookie)).StatusCode);

        var logout = await _web.Send(HttpMethod.Post, "/api/v1/auth/logout", cookie, headers: _web.SameSite);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        // The same cookie, kept by whoever copied it, no longer opens anything: API or page.
        Assert.Equal(HttpStatusCode.Unauthorized, (await _web.Send(HttpMethod.Get, "/api/v1/wards", cookie)).StatusCode);
        var page = await _web.Send(HttpMethod.Get, "/", cookie);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/login", page.Headers.Location!.OriginalString);
        // Another sign-in of the same person (another browser) goes on.
        Assert.Equal(HttpStatusCode.OK, (await _web.Send(HttpMethod.Get, "/api/v1/wards", other)).StatusCode);
    }

    [Fact]
    public async Task Logout_revokes_the_token_it_is_called_with()
    {
        await host.CreateUser("out.token", "out-token-password", "city");
        var token = await host.TokenFor("out.token", "out-token-password");
        var second = await host.TokenFor("out.token", "out-token-password");
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards", token)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Send(HttpMethod.Post, "/api/v1/auth/logout", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Get, "/api/v1/wards", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards", second)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_cookie_and_token_of_the_person()
    {
        await host.CreateUser("change.me", "change-me-password-1", "city");
        var token = await host.TokenFor("change.me", "change-me-password-1");
        var cookie = await _web.Cookie("change.me", "change-me-password-1");
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Send(HttpMethod.Post, "/api/v1/auth/password", token,
            new { currentPassword = "change-me-password-1", newPassword = "password1234" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Send(HttpMethod.Post, "/api/v1/auth/password", token,
            new { currentPassword = "not-the-current-one", newPassword = "a-new-long-password" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Send(HttpMethod.Post, "/api/v1/auth/password", token,
            new { currentPassword = "change-me-password-1", newPassword = "a-new-long-password" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Get, "/api/v1/wards", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _web.Send(HttpMethod.Get, "/api/v1/wards", cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Post, "/api/v1/auth/token", null, new { username = "change.me", password = "change-me-password-1" })).StatusCode);
        var fresh = await host.TokenFor("change.me", "a-new-long-password");
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards", fresh)).StatusCode);
    }

    [Theory]
    [InlineData("1234567890")]
    [InlineData("          ")]
    [InlineData("password123")]
    [InlineData("password1234")]
    [InlineData("Password2026!")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop12")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    [InlineData("matkhau123456")]
    [InlineData("weak.person.name")]
    public async Task A_password_shorter_than_12_common_or_the_username_is_refused_naming_the_rule(string password)
    {
        var r = await host.Send(HttpMethod.Post, "/api/v1/users", await host.AdminToken(), new { username = "weak.person.name", password, role = "city" });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var error = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("password", error.GetProperty("field").GetString());
        Assert.NotEmpty(error.GetProperty("message").GetString()!);
        Assert.DoesNotContain((await host.Get("/api/v1/users")).EnumerateArray(), u => u.GetProperty("username").GetString() == "weak.person.name");
    }

    [Theory]
    [InlineData("POST", "/_blazor/negotiate?negotiateVersion=1")]
    [InlineData("POST", "/hubs/ioc/negotiate?negotiateVersion=1")]
    [InlineData("GET", "/api/v1/me")]
    [InlineData("GET", "/api/v1/wards")]
    [InlineData("GET", "/api/v1/alerts")]
    [InlineData("GET", "/")]
    [InlineData("GET", "/rankings")]
    [InlineData("GET", "/reports")]
    public async Task A_device_key_is_admitted_only_where_devices_belong(string method, string path)
    {
        var key = await host.Provision($"place-{Guid.NewGuid():N}"[..20], "robot", "00070");
        var r = await host.Send(new HttpMethod(method), path, key);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        // Where it belongs, it still works.
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards/00070/queues/ho-tich/estimate", key)).StatusCode);
    }

    [Fact]
    public async Task A_rotated_key_is_refused_at_once()
    {
        var old = await host.Provision("rotate-me", "robot", "00082");
        // Used, so this process has it in its cache.
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(old, RobotState("rotate-me", "00082", host.Now))).StatusCode);
        var rotated = await host.Send(HttpMethod.Post, "/api/v1/devices/rotate-me/key", await host.AdminToken());
        var fresh = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.PostTelemetry(old, RobotState("rotate-me", "00082", host.Now, x: 2))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(fresh, RobotState("rotate-me", "00082", host.Now, x: 3))).StatusCode);
    }
}
