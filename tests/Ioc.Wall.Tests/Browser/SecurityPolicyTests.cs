using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>
/// The pages under their Content-Security-Policy in Chromium: the wall, a ward page with its
/// charts and the rankings render with not one violation reported, every page's headers are the
/// ones the center sends, and no other site can frame them.
/// </summary>
public sealed class SecurityPolicyTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    // Every violation the page reports to itself, kept where the test can read it.
    private const string ListenForViolations = """
        window.__csp = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 20_000 };

    [Fact]
    public async Task The_wall_a_ward_page_with_charts_and_the_rankings_render_with_no_policy_violation()
    {
        var kiosk = await host.Provision("csp-kiosk", "kiosk", "00004");
        await host.PostAccepted(kiosk,
            Issued("csp-kiosk", "00004", host.Now.AddMinutes(-20), "C001", "ho-tich"), Issued("csp-kiosk", "00004", host.Now.AddMinutes(-5), "C002", "dat-dai"),
            Ticket("ticket.called", "csp-kiosk", "00004", host.Now.AddMinutes(-2), "C001", "1"), Rating("csp-kiosk", "00004", host.Now, 5));

        await using var tab = await browser.Open(host);
        await tab.Context.AddInitScriptAsync(ListenForViolations);
        var documents = new List<IResponse>();
        tab.Page.Response += (_, r) => { if (r.Request.ResourceType == "document") lock (documents) documents.Add(r); };
        var violations = new List<string>();
        async Task Collect(string where) => violations.AddRange((await tab.Page.EvaluateAsync<string[]>("() => window.__csp ?? []")).Select(v => $"{where}: {v}"));

        await tab.Page.GotoAsync("/login");
        await Collect("sign-in");
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("city-queue-chart").Locator(".main-svg").First).ToBeVisibleAsync(Slow);
        await Expect(tab.Page.GetByTestId("wall")).ToBeVisibleAsync();
        await Collect("wall");

        await tab.Page.GotoAsync("/wards/00004");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("ward-history").Locator(".main-svg").First).ToBeVisibleAsync(Slow);
        await Expect(tab.Page.GetByTestId("hall-plan")).ToBeVisibleAsync();
        await Collect("ward page");

        await tab.Page.GotoAsync("/rankings");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("ranking-row")).ToHaveCountAsync(126, new() { Timeout = 20_000 });
        await Collect("rankings");

        Assert.Empty(violations);
        Assert.DoesNotContain(tab.ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || e.Contains("Refused to", StringComparison.Ordinal));
        Assert.Empty(tab.Outside);

        // What the browser got with each page.
        Assert.True(documents.Count >= 4, $"{documents.Count} documents");
        foreach (var page in documents)
        {
            var headers = await page.AllHeadersAsync();
            var csp = headers["content-security-policy"];
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("DENY", headers["x-frame-options"]);
            Assert.Equal("nosniff", headers["x-content-type-options"]);
            Assert.Equal("same-origin", headers["referrer-policy"]);
            Assert.False(headers.ContainsKey("server"), page.Url);
        }
    }

    [Fact]
    public async Task Another_site_cannot_frame_the_pages()
    {
        await using var tab = await browser.Open(host);
        var refused = tab.Page.WaitForConsoleMessageAsync(new() { Predicate = m => m.Text.Contains("frame-ancestors", StringComparison.Ordinal), Timeout = 20_000 });
        await tab.Page.SetContentAsync($"<iframe id='framed' src='{host.BaseUrl}login'></iframe>");
        await refused;
        var frame = tab.Page.Frames.Single(f => f != tab.Page.MainFrame);
        Assert.Equal(0, await frame.Locator("[data-testid=login-form]").CountAsync());
    }
}
