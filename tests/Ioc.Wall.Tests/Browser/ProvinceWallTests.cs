using Ioc.Testing;
using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>A province without boundaries (Huế) in Chromium: its units as tiles instead of a map.</summary>
public sealed class ProvinceWallTests(BrowserFixture browser, HueHost host) : IClassFixture<HueHost>
{
    [Fact]
    public async Task The_wall_of_a_province_shows_its_units_as_tiles_named_from_the_data_file()
    {
        var units = CountryList.Of("46").ToList();
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("unit-tile")).ToHaveCountAsync(units.Count, new() { Timeout = 20_000 });
        Assert.Equal(units.Select(u => u.Code), await tab.Page.GetByTestId("unit-tile").EvaluateAllAsync<string[]>("t => t.map(x => x.dataset.code)"));
        foreach (var type in units.GroupBy(u => u.Type))
            Assert.Equal(type.Count(), await tab.Page.Locator($"[data-testid=unit-tile][data-type={type.Key}]").CountAsync());
        await Expect(tab.Page.Locator($"[data-testid=unit-tile][data-code='{units[0].Code}']")).ToContainTextAsync(units[0].Name);
        Assert.Equal(0, await tab.Page.GetByTestId("ward-cell").CountAsync());
        Assert.Equal(0, await tab.Page.GetByTestId("province-tile").CountAsync());
        await Expect(tab.Page.GetByTestId("brand")).ToContainTextAsync("Trung tâm Điều hành Thông minh Huế");
        await Expect(tab.Page.GetByTestId("panel-strip").GetByTestId("panel-title")).ToHaveTextAsync("Toàn thành phố hôm nay");
        Assert.Empty(tab.Outside);
    }
}
