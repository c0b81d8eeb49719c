using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>A center with a city's morning in it (devices, queues, alerts, ratings), for the accessibility checks.</summary>
public sealed class BusyWallHost : WallHost
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var city = new DemoCity(this);
        await city.Provision();
        await city.SeedDossiers(Now);
        await city.Heartbeat(Now);
        await city.Step(Now - TimeSpan.FromMinutes(60), Now);
    }
}

/// <summary>Every page passes axe-core's WCAG 2.1 A and AA rules, in Vietnamese and in English.</summary>
public sealed class AccessibilityTests(BrowserFixture browser, BusyWallHost host) : IClassFixture<BusyWallHost>
{
    private static async Task<string> Report(WallPage tab, string path)
    {
        var violations = await Axe.Run(tab.Page);
        return violations.Count == 0 ? "" : $"{path}:\n  " + string.Join("\n  ", violations) + "\n";
    }

    private static async Task Open(WallPage tab, string path, string ready)
    {
        await tab.Page.GotoAsync(path);
        await tab.WaitForCircuit();
        await Expect(tab.Page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public async Task Every_page_passes_wcag_21_aa(string lang)
    {
        var found = "";
        await using (var anonymous = await browser.Open(host, lang: lang))
        {
            await anonymous.Page.GotoAsync("/login");
            await Expect(anonymous.Page.GetByTestId("login-username")).ToBeVisibleAsync();
            found += await Report(anonymous, "/login");
        }

        await using var tab = await browser.Open(host, lang: lang);
        await tab.SignInAdmin();
        foreach (var (path, ready) in new[]
        {
            ("/", "[data-testid=city-queue-chart] .main-svg"),
            ("/wards/00292", "[data-testid=ward-history] .main-svg"),
            ("/alerts", "[data-testid=alert-row]"),
            ("/rankings", "[data-testid=ranking-row]"),
            ("/replay", "[data-testid=replay-picker]"),
        })
        {
            await Open(tab, path, ready);
            found += await Report(tab, path);
        }
        await tab.Page.GotoAsync("/reports");
        found += await Report(tab, "/reports");
        // The API reference is a static page filled in by its own script from /openapi/v1.json.
        await tab.Page.GotoAsync("/openapi/index.html");
        await Expect(tab.Page.Locator("#operations")).Not.ToContainTextAsync("Loading…", new() { Timeout = 20_000 });
        found += await Report(tab, "/openapi/index.html");
        Assert.True(found.Length == 0, "axe-core found WCAG 2.1 AA violations:\n" + found);
    }

    [Theory]
    [InlineData(1600, 900, 13)]
    [InlineData(3840, 2160, 31)]
    public async Task Chart_axis_text_grows_with_the_screen_like_the_rest_of_the_page(int width, int height, int px)
    {
        await using var tab = await browser.Open(host, width, height);
        await tab.SignInAdmin();
        var tick = tab.Page.Locator("[data-testid=city-queue-chart] .xtick text").First;
        await Expect(tick).ToBeVisibleAsync(new() { Timeout = 20_000 });
        // The root size is clamp(13px, 0.8vw, 40px): 13 px on a laptop, 31 px on a 4K wall; the chart's text follows.
        Assert.Equal(px, await tab.Page.EvaluateAsync<double>("() => Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize))"));
        await Expect(tick).ToHaveCSSAsync("font-size", $"{px}px", new() { Timeout = 10_000 });
        var axis = tab.Page.Locator("[data-testid=city-queue-chart] .ytick text").First;
        await Expect(axis).ToHaveCSSAsync("font-size", $"{px}px");
        // The labels fit: no tick label reaches outside its chart.
        var outside = await tab.Page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('[data-testid=city-queue-chart] .xtick text, [data-testid=city-queue-chart] .ytick text')]
              .filter(t => { const c = t.closest('.js-plotly-plot').getBoundingClientRect(), r = t.getBoundingClientRect();
                             return r.width > 0 && (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1); }).length
            """);
        Assert.Equal(0, outside);
    }

    [Theory]
    [InlineData("vi", 1920, 1080)]
    [InlineData("en", 1920, 1080)]
    [InlineData("vi", 1366, 768)]
    public async Task No_figure_label_or_value_is_cut_off_on_the_wall_or_a_ward_page(string lang, int width, int height)
    {
        await using var tab = await browser.Open(host, width, height, lang: lang);
        await tab.SignInAdmin();
        var cut = new List<string>();
        foreach (var (path, strip) in new[] { ("/", "city-strip"), ("/wards/00292", "ward-strip") })
        {
            await Open(tab, path, $"[data-testid={strip}] .tile-value");
            // A label clamped to two lines, or a value wider than its tile, hides part of what a leader reads.
            cut.AddRange((await tab.Page.EvaluateAsync<string[]>("""
                () => [...document.querySelectorAll('.strip .tile')].flatMap(t => {
                    const l = t.querySelector('.tile-label'), v = t.querySelector('.tile-value'), box = t.getBoundingClientRect();
                    const out = [];
                    if (l.scrollHeight > l.clientHeight + 1 || l.scrollWidth > l.clientWidth + 1) out.push('label ' + l.textContent);
                    if (v.scrollWidth > v.clientWidth + 1 || v.getBoundingClientRect().right > box.right + 1) out.push('value ' + v.textContent);
                    return out; })
                """)).Select(c => $"{path}: {c}"));
            Assert.True(await tab.Page.Locator(".strip .tile").CountAsync() >= 8, $"{path} shows its figures");
        }
        Assert.True(cut.Count == 0, $"cut off at {width}×{height} ({lang}):\n" + string.Join("\n", cut));
    }
}
