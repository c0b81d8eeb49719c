using System.Globalization;
using Ioc.Wall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>
/// The Blazor wall and ward page take changes as the delta feed gives them, in Chromium: a change
/// in one ward touches that ward's elements and nothing else's, and a wall that has taken many
/// changes shows exactly what a wall opened afresh (which reads the whole picture) shows.
/// </summary>
public sealed class LiveChangesTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 15_000 };
    private static readonly LocatorAssertionsToHaveTextOptions SlowText = new() { Timeout = 15_000 };
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    private async Task Issue(string ward, int tickets, string prefix)
    {
        var kiosk = $"live-kiosk-{ward}-{prefix}";
        var key = await host.Provision(kiosk, "kiosk", ward);
        await host.PostAccepted(key, [.. Enumerable.Range(1, tickets).Select(i => Issued(kiosk, ward, host.Now.AddSeconds(-i), $"{prefix}{i:000}", "ho-tich"))]);
    }

    private static async Task<int> CityWaiting(IPage page) =>
        int.Parse(await page.GetByTestId("city-waiting-value").InnerTextAsync(), NumberStyles.AllowThousands, Vi);

    /// <summary>Every map cell as the page shows it: code, status, tooltip.</summary>
    private static Task<string[]> Cells(IPage page) =>
        page.Locator("[data-testid=city-map] [data-testid=ward-cell]").EvaluateAllAsync<string[]>(
            "cells => cells.map(c => c.dataset.code + '|' + c.dataset.status + '|' + c.querySelector('title').textContent)");

    [Fact]
    public async Task A_change_in_one_ward_redraws_only_that_wards_cells_on_the_map()
    {
        const string ward = "00004"; // Ba Đình, on the map and in the urban inset
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("ward-cell")).ToHaveCountAsync(126, Slow);
        await tab.WaitForCircuit();
        var before = await CityWaiting(tab.Page);
        var title = await tab.Page.Locator($"[data-testid=city-map] [data-testid=ward-cell][data-code='{ward}'] title").TextContentAsync();
        var changes = new DomChanges(tab.Page);
        await changes.Watch("[data-testid=wall]", "[data-code], section[data-testid]");

        await Issue(ward, 3, "M");

        await Expect(tab.Page.GetByTestId("city-waiting-value")).ToHaveTextAsync((before + 3).ToString(CultureInfo.InvariantCulture), SlowText);
        await Expect(tab.Page.Locator($"[data-testid=city-map] [data-testid=ward-cell][data-code='{ward}'] title")).Not.ToHaveTextAsync(title!, SlowText);
        var changed = await changes.Changed();
        // The ward's cells, and the panels that show city-wide figures; no other ward's element.
        Assert.Contains(ward, changed);
        var codes = host.Services.GetRequiredService<Ioc.Wards.WardDirectory>().All.Select(w => w.Code).ToHashSet();
        Assert.Equal([ward], changed.Where(codes.Contains));
        Assert.DoesNotContain(changed, c => c.StartsWith("(unmarked)", StringComparison.Ordinal));
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_wall_that_took_many_changes_shows_what_a_freshly_opened_wall_shows()
    {
        await using var live = await browser.Open(host);
        await live.SignInAdmin();
        await Expect(live.Page.GetByTestId("ward-cell")).ToHaveCountAsync(126, Slow);
        await live.WaitForCircuit();
        var before = await CityWaiting(live.Page);

        // Changes in several wards, one of them crossing into a critical queue (40+), one after another.
        var posted = 0;
        foreach (var (ward, n) in new[] { ("00008", 2), ("00190", 41), ("00199", 5), ("00008", 1), ("00229", 7) })
        {
            await Issue(ward, n, $"F{posted}");
            posted += n;
        }
        await Expect(live.Page.GetByTestId("city-waiting-value")).ToHaveTextAsync((before + posted).ToString("N0", Vi), SlowText);
        await Expect(live.Page.Locator("[data-testid=city-map] [data-testid=ward-cell][data-code='00190']")).ToHaveAttributeAsync("data-status", "critical", new() { Timeout = 15_000 });

        await using var fresh = await browser.Open(host);
        await fresh.SignInAdmin();
        await Expect(fresh.Page.GetByTestId("ward-cell")).ToHaveCountAsync(126, Slow);
        await Expect(fresh.Page.GetByTestId("city-waiting-value")).ToHaveTextAsync((before + posted).ToString("N0", Vi), SlowText);
        Assert.Equal(await Cells(fresh.Page), await Cells(live.Page));
        foreach (var figure in new[] { "waiting", "avgWait", "maxWait", "overTarget", "overdue", "dueSoon", "robots", "satisfaction" })
            Assert.Equal(await fresh.Page.GetByTestId($"city-{figure}").InnerTextAsync(), await live.Page.GetByTestId($"city-{figure}").InnerTextAsync());
        Assert.Empty(live.Outside);
    }

    [Fact]
    public async Task A_pushed_ward_change_redraws_only_the_ward_page_panels_whose_part_changed()
    {
        const string ward = "00097"; // Hồng Hà
        var desk = await host.Provision("lc-desk-1", "counter", ward);
        await host.PostAccepted(desk, CounterState("lc-desk-1", ward, host.Now, "1", "open", "ho-tich"));
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GotoAsync($"/wards/{ward}");
        await tab.WaitForCircuit();
        await Expect(tab.Page.Locator("[data-testid=counter-row][data-counter='1']")).ToHaveAttributeAsync("data-status", "open", new() { Timeout = 15_000 });
        var changes = new DomChanges(tab.Page);
        await changes.Watch("[data-testid=ward-page]", "section[data-testid]");

        await Issue(ward, 2, "W");

        await Expect(tab.Page.Locator("[data-testid=queue-row][data-service=ho-tich]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("ward-waiting-value")).ToHaveTextAsync("2", SlowText);
        var changed = await changes.Changed();
        Assert.Contains("panel-queues", changed);
        Assert.Contains("panel-strip", changed);
        // Desks, the hall, dossiers and alerts are as they were: not drawn again.
        foreach (var still in new[] { "panel-counters", "panel-hall", "panel-dossiers", "panel-alerts" })
            Assert.DoesNotContain(still, changed);
        Assert.Empty(tab.Outside);
    }
}
