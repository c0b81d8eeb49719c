using System.Globalization;
using System.Text.Json;
using Ioc.Dashboard.Jobs;
using Ioc.Wall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>The rankings page, and the ward page's history chart and report links, in Debian's Chromium.</summary>
public sealed class RankingPageTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 20_000 };

    private static async Task<int[]> Ranks(ILocator rows) =>
        [.. (await rows.EvaluateAllAsync<string[]>("r => r.map(x => x.dataset.rank)")).Select(r => int.Parse(r, CultureInfo.InvariantCulture))];

    [Fact]
    public async Task An_admin_sees_the_126_units_ranked_and_the_75_communes_among_themselves()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GetByTestId("nav-rankings").ClickAsync();
        await tab.Page.WaitForURLAsync("**/rankings");

        var rows = tab.Page.GetByTestId("ranking-row");
        await Expect(rows).ToHaveCountAsync(126, Slow);
        Assert.Equal(Enumerable.Range(1, 126), await Ranks(rows));
        await Expect(tab.Page.GetByTestId("part-publicity").First).ToHaveTextAsync("chưa đo (trung tâm không đo)");
        await Expect(tab.Page.GetByTestId("part-digitisation").First).ToContainTextAsync("chưa đo");
        await Expect(tab.Page.GetByTestId("rankings-computed-at")).ToContainTextAsync("Tính lúc 09:");
        await Expect(tab.Page.GetByTestId("reports-link")).ToHaveAttributeAsync("href", "reports");

        await tab.WaitForCircuit();
        await tab.Page.GetByTestId("filter-commune").ClickAsync();
        await Expect(rows).ToHaveCountAsync(75, Slow);
        Assert.All(await rows.EvaluateAllAsync<string[]>("r => r.map(x => x.dataset.type)"), t => Assert.Equal("commune", t));
        Assert.Equal(Enumerable.Range(1, 75), await Ranks(rows));
        await tab.Page.GetByTestId("filter-ward").ClickAsync();
        await Expect(rows).ToHaveCountAsync(51);
        await tab.Page.GetByTestId("filter-all").ClickAsync();
        await Expect(rows).ToHaveCountAsync(126);

        // The same ranking the API gives.
        var api = await host.Get("/api/v1/rankings");
        Assert.Equal(126, api.GetProperty("entries").GetArrayLength());
        Assert.Equal(api.GetProperty("entries")[0].GetProperty("code").GetString(), await rows.First.GetAttributeAsync("data-code"));
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_ward_chief_sees_only_their_own_row()
    {
        await host.CreateUser("chief.rank", "chief-password-r", "ward-chief", "00229");
        await using var tab = await browser.Open(host);
        await tab.SignIn("chief.rank", "chief-password-r");
        Assert.EndsWith("/wards/00229", tab.Page.Url);
        await Expect(tab.Page.GetByTestId("nav-rankings")).ToHaveCountAsync(0);

        await tab.Page.GetByTestId("ward-rankings-link").ClickAsync();
        await tab.Page.WaitForURLAsync("**/rankings");
        var rows = tab.Page.GetByTestId("ranking-row");
        await Expect(rows).ToHaveCountAsync(1, Slow);
        await Expect(rows).ToHaveAttributeAsync("data-code", "00229");
        await Expect(tab.Page.GetByTestId("own-rank")).ToContainTextAsync("Phường Kim Liên xếp thứ");
        await Expect(tab.Page.GetByTestId("own-rank")).ToContainTextAsync("/126 đơn vị");
        await Expect(tab.Page.GetByTestId("ranking-filter")).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByTestId("city-report-link")).ToHaveCountAsync(0);

        // A link with ?type= does not widen what a ward chief sees.
        await tab.Page.GotoAsync("/rankings?type=commune");
        await tab.WaitForCircuit();
        await Expect(rows).ToHaveCountAsync(1, Slow);
        await Expect(rows).ToHaveAttributeAsync("data-code", "00229");
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task The_ward_page_charts_today_and_last_week_from_the_data_folder_and_links_the_newest_reports()
    {
        // The 17:30 job, run now: a CSV per ward and one for the city, dated today.
        var day = await host.Services.GetRequiredService<DailyReportJob>().Run();
        var stamp = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GotoAsync("/wards/00070");
        await tab.WaitForCircuit();

        // No InfluxDB in this center: both lines from the data folder's history; a fresh center has nothing a week old.
        var chart = tab.Page.GetByTestId("ward-history");
        await Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(chart).ToHaveAttributeAsync("data-traces", "2");
        await Expect(chart).ToHaveAttributeAsync("data-source", "sqlite");
        await Expect(tab.Page.GetByTestId("history-note")).ToHaveAttributeAsync("data-reason", "noLastWeek");
        await Expect(tab.Page.GetByText("InfluxDB")).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByTestId("panel-history").GetByTestId("panel-title")).ToHaveTextAsync("Hôm nay so với cùng thứ tuần trước");
        // The chart reads what the compare endpoint answers (the same code, in process).
        var compare = await host.Get("/api/v1/wards/00070/history/compare?metric=waiting");
        Assert.Equal("sqlite", compare.GetProperty("today").GetProperty("source").GetString());
        Assert.Equal("sqlite", compare.GetProperty("lastWeek").GetProperty("source").GetString());
        Assert.Equal(300, compare.GetProperty("step").GetInt64());

        var link = tab.Page.GetByTestId("ward-report-link");
        await Expect(link).ToContainTextAsync("Tải báo cáo ngày (CSV)");
        var href = await link.GetAttributeAsync("href");
        Assert.Equal($"/api/v1/reports/{stamp}/00070.csv", href);
        // The link downloads with the signed-in cookie.
        var csv = await tab.Context.APIRequest.GetAsync(new Uri(host.BaseUrl, href).ToString());
        Assert.Equal(200, csv.Status);
        Assert.Contains("Mã đơn vị", await csv.TextAsync());
        Assert.Contains("Hoàn Kiếm", await csv.TextAsync());

        await tab.Page.GetByTestId("reports-link").ClickAsync();
        await tab.Page.WaitForURLAsync("**/reports");
        await Expect(tab.Page.Locator("h1")).ToHaveTextAsync("Báo cáo hằng ngày");
        await Expect(tab.Page.Locator($"a[href='/api/v1/reports/{stamp}/city.csv']")).ToHaveCountAsync(1);

        await tab.Page.GotoAsync("/rankings");
        await Expect(tab.Page.GetByTestId("city-report-link")).ToHaveAttributeAsync("href", $"/api/v1/reports/{stamp}/city.csv", new() { Timeout = 15_000 });
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_ward_chief_in_English_sees_the_one_row_and_place_the_api_gives()
    {
        await host.CreateUser("chief.rank2", "chief-password-s", "ward-chief", "09574");
        var token = await host.TokenFor("chief.rank2", "chief-password-s");
        var api = await host.Get("/api/v1/rankings", token);
        var entry = Assert.Single(api.GetProperty("entries").EnumerateArray());
        Assert.Equal("09574", entry.GetProperty("code").GetString());
        Assert.Equal(JsonValueKind.Number, entry.GetProperty("rank").ValueKind);

        await using var tab = await browser.Open(host, lang: "en");
        await tab.SignIn("chief.rank2", "chief-password-s");
        await tab.Page.GotoAsync("/rankings");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("ranking-row")).ToHaveCountAsync(1, Slow);
        await Expect(tab.Page.GetByTestId("ranking-row")).ToHaveAttributeAsync("data-rank", entry.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture));
        await Expect(tab.Page.GetByTestId("part-publicity")).ToHaveTextAsync("not measured (not measured by the center)");
        Assert.Empty(tab.Outside);
    }
}
