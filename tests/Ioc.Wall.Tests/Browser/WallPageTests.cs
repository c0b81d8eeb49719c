using System.Text.RegularExpressions;
using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>The city wall in Debian's Chromium against the real center on a free port.</summary>
public sealed class WallPageTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 15_000 };

    [Fact]
    public async Task The_wall_shows_all_126_units_the_urban_core_inset_and_the_city_strip()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        Assert.EndsWith("/", tab.Page.Url);

        await Expect(tab.Page.GetByTestId("ward-cell")).ToHaveCountAsync(126, Slow);
        var codes = await tab.Page.GetByTestId("ward-cell").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.code)");
        Assert.Equal(126, codes.Distinct().Count());
        Assert.Equal(51, await tab.Page.Locator("[data-testid=ward-cell][data-type=ward]").CountAsync());
        Assert.Equal(75, await tab.Page.Locator("[data-testid=ward-cell][data-type=commune]").CountAsync());
        // The inset zooms on the central phường (more than 40 of them, with their neighbours).
        Assert.True(await tab.Page.Locator("[data-testid=inset-cell][data-type=ward]").CountAsync() > 40);

        foreach (var figure in new[] { "waiting", "avgWait", "maxWait", "overTarget", "overdue", "dueSoon", "robots", "satisfaction" })
            await Expect(tab.Page.GetByTestId($"city-{figure}")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("city-queue-chart").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("wait-distribution").Locator(".main-svg").First).ToBeVisibleAsync();
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task An_event_posted_to_the_ingest_api_changes_the_wall()
    {
        const string ward = "00199"; // Phường Láng
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        var cell = tab.Page.Locator($"[data-testid=ward-cell][data-code='{ward}']");
        await Expect(cell).ToHaveAttributeAsync("data-status", "ok");
        var before = int.Parse(await tab.Page.GetByTestId("city-waiting-value").InnerTextAsync(), System.Globalization.NumberStyles.AllowThousands,
            System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

        // 41 people take a ticket: a critical "long queue" (40+) in that ward.
        var key = await host.Provision("wall-kiosk-199", "kiosk", ward);
        await host.PostAccepted(key, [.. Enumerable.Range(1, 41).Select(i => Issued("wall-kiosk-199", ward, host.Now.AddSeconds(-i), $"A{i:000}", "ho-tich"))]);

        await Expect(tab.Page.GetByTestId("city-waiting-value")).ToHaveTextAsync((before + 41).ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 15_000 });
        await Expect(cell).ToHaveAttributeAsync("data-status", "critical", new() { Timeout = 15_000 });
        await Expect(tab.Page.Locator($"[data-testid=alert-feed] [data-testid=alert-row][data-ward='{ward}'][data-severity=critical]"))
            .ToHaveCountAsync(1, Slow);
        await Expect(tab.Page.GetByTestId("worst-waiting").Locator($"[data-testid=worst-row][data-code='{ward}']")).ToBeVisibleAsync();
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task Hovering_a_unit_shows_its_figures_and_clicking_opens_it()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        var cell = tab.Page.Locator("[data-testid=inset-cell][data-code='00070']"); // Hoàn Kiếm, in the urban core
        await cell.HoverAsync(new() { Force = true });
        await Expect(tab.Page.GetByTestId("unit-name")).ToHaveTextAsync("Phường Hoàn Kiếm", new() { Timeout = 10_000 });
        await cell.ClickAsync(new() { Force = true });
        await tab.Page.WaitForURLAsync("**/wards/00070");
        await Expect(tab.Page.GetByTestId("ward-name")).ToHaveTextAsync("Phường Hoàn Kiếm");
    }

    [Fact]
    public async Task No_page_requests_anything_outside_localhost()
    {
        await using var tab = await browser.Open(host);
        await tab.Page.GotoAsync("/login");
        await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await tab.SignInAdmin();
        foreach (var path in new[] { "/", "/wards/00004", "/alerts", "/wards/09574", "/rankings" })
        {
            await tab.Page.GotoAsync(path);
            await tab.WaitForCircuit();
            await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        // plotly.js came from this server (Plotly.Blazor's static web asset), not a CDN.
        await tab.Page.GotoAsync("/");
        await Expect(tab.Page.GetByTestId("city-queue-chart").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => typeof window.Plotly === 'object' && !!window.Plotly.newPlot"));
        var scripts = await tab.Page.EvaluateAsync<string[]>("() => performance.getEntriesByType('resource').map(e => e.name)");
        Assert.Contains(scripts, s => s.Contains("/_content/Plotly.Blazor/plotly-basic", StringComparison.Ordinal));
        Assert.All(scripts, s => Assert.True(new Uri(s).IsLoopback, s));
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task Vietnamese_text_with_diacritics_renders_and_English_is_one_click_away()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        Assert.Equal("vi", await tab.Page.GetAttributeAsync("html", "lang"));
        await Expect(tab.Page.GetByTestId("city-waiting")).ToContainTextAsync("Đang chờ");
        await Expect(tab.Page.GetByTestId("city-overdue")).ToContainTextAsync("Hồ sơ quá hạn");
        await Expect(tab.Page.GetByTestId("city-robots")).ToContainTextAsync("Robot trực tuyến");
        await Expect(tab.Page.GetByTestId("city-satisfaction")).ToContainTextAsync("Mức độ hài lòng");
        await Expect(tab.Page.GetByTestId("brand")).ToContainTextAsync("Trung tâm Điều hành Thông minh Hà Nội");
        // The glyphs are drawn from a local font: "Đ" and "ờ" take room like any letter.
        var widths = await tab.Page.EvaluateAsync<double[]>(@"() => ['Đ', 'ờ', 'ệ'].map(ch => {
            const s = document.createElement('span'); s.textContent = ch; s.style.fontSize = '40px';
            document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; })");
        Assert.All(widths, w => Assert.True(w > 10, $"glyph width {w}"));
        Assert.True(await tab.Page.EvaluateAsync<bool>("() => document.fonts.check('16px sans-serif', 'Đang chờ')"));

        await tab.Page.GetByTestId("lang-en").ClickAsync();
        await Expect(tab.Page.GetByTestId("city-waiting")).ToContainTextAsync("Waiting now", new() { Timeout = 10_000 });
        Assert.Equal("en", await tab.Page.GetAttributeAsync("html", "lang"));
        await tab.WaitForCircuit();
        await tab.Page.GetByTestId("lang-vi").ClickAsync();
        await Expect(tab.Page.GetByTestId("city-waiting")).ToContainTextAsync("Đang chờ", new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_a_wrong_password_is_refused()
    {
        await using var tab = await browser.Open(host);
        var response = await tab.Page.GotoAsync("/wards/00004");
        Assert.Matches(new Regex("/login\\?ReturnUrl=%2Fwards%2F00004$", RegexOptions.IgnoreCase), tab.Page.Url);
        Assert.Equal(200, response!.Status);
        await tab.Page.GetByTestId("login-username").FillAsync("admin");
        await tab.Page.GetByTestId("login-password").FillAsync("not-the-password");
        await tab.Page.GetByTestId("login-submit").ClickAsync();
        await Expect(tab.Page.GetByTestId("login-error")).ToBeVisibleAsync();
        await tab.Page.GetByTestId("login-password").FillAsync(WallHost.AdminPassword);
        await tab.Page.GetByTestId("login-username").FillAsync("admin");
        await tab.Page.GetByTestId("login-submit").ClickAsync();
        await tab.Page.WaitForURLAsync("**/wards/00004");

        // A form post without the antiforgery token is refused.
        var forged = await host.Http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = "admin", ["Password"] = WallHost.AdminPassword,
        }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, forged.StatusCode);
    }
}
