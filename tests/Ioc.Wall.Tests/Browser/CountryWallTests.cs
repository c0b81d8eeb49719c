using Ioc.Testing;
using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>
/// The country wall in Chromium: it opens on the 34 provinces, each a tile with its figures and
/// worst units, drills down to a province (its units as tiles) and on to a unit (the ward page).
/// What each tile must hold is worked out from the data file here.
/// </summary>
public sealed class CountryWallTests(BrowserFixture browser, CountryHost host) : IClassFixture<CountryHost>
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 20_000 };
    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task The_country_wall_shows_34_province_tiles_and_no_map()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("province-tile")).ToHaveCountAsync(34, Slow);
        var provinces = CountryList.Units.GroupBy(u => u.Province).ToList();
        Assert.Equal(provinces.Select(g => g.Key), await tab.Page.GetByTestId("province-tile").EvaluateAllAsync<string[]>("t => t.map(x => x.dataset.code)"));
        foreach (var g in provinces.Where(g => g.Key is "46" or "79" or "22"))
        {
            var tile = tab.Page.Locator($"[data-testid=province-tile][data-code='{g.Key}']");
            await Expect(tile.GetByTestId("province-name")).ToContainTextAsync(g.First().ProvinceName);
            await Expect(tile).ToContainTextAsync($"{g.Count().ToString("N0", Vi)} đơn vị");
        }
        Assert.Equal(0, await tab.Page.GetByTestId("ward-cell").CountAsync());
        // Units by type, from the data file: phường, xã and đặc khu.
        foreach (var type in CountryList.Units.GroupBy(u => u.Type))
            await Expect(tab.Page.Locator($"[data-testid=type-row][data-type={type.Key}] [data-testid=type-total]")).ToHaveTextAsync(type.Count().ToString("N0", Vi));
        await Expect(tab.Page.GetByTestId("nav-wall")).ToHaveTextAsync("Toàn quốc");
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_long_queue_in_a_unit_shows_on_its_province_tile_its_province_page_and_opens_the_ward()
    {
        var unit = CountryList.Of("40").Skip(3).First(); // a unit of Nghệ An
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        var tile = tab.Page.Locator("[data-testid=province-tile][data-code='40']");
        await Expect(tile).ToBeVisibleAsync(new() { Timeout = 20_000 });

        // 41 people take a ticket: a critical "long queue" (40+).
        var key = await host.Provision("vn-kiosk-40", "kiosk", unit.Code);
        await host.PostAccepted(key, [.. Enumerable.Range(1, 41).Select(i => Issued("vn-kiosk-40", unit.Code, host.Now.AddSeconds(-i), $"A{i:000}", "ho-tich"))]);
        await Expect(tile.GetByTestId("province-worst")).ToContainTextAsync(unit.Name, new() { Timeout = 20_000 });
        await Expect(tile.GetByTestId("province-worst")).ToContainTextAsync("41");

        await tile.ClickAsync();
        await tab.Page.WaitForURLAsync("**/provinces/40");
        await Expect(tab.Page.GetByTestId("province-title")).ToHaveTextAsync("tỉnh Nghệ An");
        await Expect(tab.Page.GetByTestId("unit-tile")).ToHaveCountAsync(CountryList.Of("40").Count(), Slow);
        Assert.Equal(CountryList.Of("40").Select(u => u.Code), await tab.Page.GetByTestId("unit-tile").EvaluateAllAsync<string[]>("t => t.map(x => x.dataset.code)"));
        var cell = tab.Page.Locator($"[data-testid=unit-tile][data-code='{unit.Code}']");
        await Expect(cell).ToHaveAttributeAsync("data-status", "critical", new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("province-waiting-value")).ToHaveTextAsync("41");
        await Expect(tab.Page.GetByTestId("worst-waiting").Locator($"[data-testid=worst-row][data-code='{unit.Code}']")).ToBeVisibleAsync();

        await cell.ClickAsync();
        await tab.Page.WaitForURLAsync($"**/wards/{unit.Code}");
        await Expect(tab.Page.GetByTestId("ward-name")).ToHaveTextAsync(unit.FullName);
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_change_in_one_unit_redraws_only_its_provinces_tile()
    {
        var unit = CountryList.Of("46").Skip(5).First(); // a unit of Huế
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("province-tile")).ToHaveCountAsync(34, Slow);
        await tab.WaitForCircuit();
        var tile = tab.Page.Locator("[data-testid=province-tile][data-code='46']");
        var worst = await tile.GetByTestId("province-worst").InnerTextAsync();
        var changes = new DomChanges(tab.Page);
        await changes.Watch("[data-testid=province-tiles]", "[data-testid=province-tile]");

        var key = await host.Provision("vn-kiosk-46", "kiosk", unit.Code);
        await host.PostAccepted(key, [.. Enumerable.Range(1, 12).Select(i => Issued("vn-kiosk-46", unit.Code, host.Now.AddSeconds(-i), $"H{i:000}", "ho-tich"))]);

        await Expect(tile.GetByTestId("province-worst")).Not.ToHaveTextAsync(worst, new() { Timeout = 20_000 });
        await Expect(tile.GetByTestId("province-worst")).ToContainTextAsync(unit.Name);
        // Only Huế's tile took the change; the 33 others were not drawn again.
        Assert.Equal(["46"], await changes.Changed());
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task An_unknown_province_is_a_404()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        var answer = await tab.Page.GotoAsync("/provinces/99");
        Assert.Equal(404, answer!.Status);
        Assert.Equal(200, (await tab.Page.GotoAsync("/provinces/46"))!.Status);
    }
}
