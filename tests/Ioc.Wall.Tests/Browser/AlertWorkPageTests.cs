using System.Text.Json;
using Ioc.Wall.Tests.Support;
using Microsoft.Playwright;
using static Ioc.Testing.Telemetry;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>
/// Alert work in the browser: the wall's feed shows warning and critical (info behind a filter), the
/// alerts page acknowledges many at once, the ward page shows each desk's satisfaction.
/// </summary>
public sealed class AlertWorkPageTests(BrowserFixture browser, WallHost host) : IClassFixture<WallHost>
{
    private static readonly LocatorAssertionsToHaveCountOptions Slow = new() { Timeout = 15_000 };

    /// <summary>Three 1-star ratings at one desk: three info alerts (rating-low) and one warning (the desk's run).</summary>
    private async Task ThreeLowRatings(string device, string ward, string desk)
    {
        var key = await host.Provision(device, "robot", ward);
        await host.PostAccepted(key, [.. Enumerable.Range(1, 3).Select(i =>
            Event("rating.submitted", device, ward, host.Now.AddMinutes(-i), new { score = 1, counter = desk, ticket = $"K{i}" }))]);
    }

    [Fact]
    public async Task The_wall_feed_shows_warning_and_critical_and_info_only_when_asked()
    {
        const string ward = "00226";
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.WaitForCircuit();
        await ThreeLowRatings("feed-robot", ward, "3");

        var feed = tab.Page.GetByTestId("alert-feed");
        var rows = feed.Locator($"[data-testid=alert-row][data-ward='{ward}']");
        await Expect(rows.And(tab.Page.Locator("[data-severity=warning]"))).ToHaveCountAsync(1, Slow);
        await Expect(rows.And(tab.Page.Locator("[data-severity=info]"))).ToHaveCountAsync(0);
        await Expect(feed).ToHaveAttributeAsync("data-info", "hidden");

        await feed.GetByTestId("feed-info-toggle").ClickAsync();
        await Expect(rows.And(tab.Page.Locator("[data-severity=info]"))).ToHaveCountAsync(3, Slow);
        await Expect(feed.GetByTestId("feed-info-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task A_ward_chief_acknowledges_several_alerts_at_once_on_the_alerts_page_with_a_note()
    {
        const string ward = "00235";
        await host.CreateUser("chief.bulk", "chief-password-1", "ward-chief", ward);
        await ThreeLowRatings("bulk-robot", ward, "2");
        await using var tab = await browser.Open(host);
        await tab.SignIn("chief.bulk", "chief-password-1");
        await tab.Page.GotoAsync($"/alerts?ward={ward}");
        await tab.WaitForCircuit();

        await Expect(tab.Page.Locator("[data-testid=alert-row][data-state=open]")).ToHaveCountAsync(4, Slow);
        await tab.Page.GetByTestId("filter-info").UncheckAsync();
        await Expect(tab.Page.Locator("[data-testid=alert-row][data-state=open]")).ToHaveCountAsync(1);
        await tab.Page.GetByTestId("filter-info").CheckAsync();
        await Expect(tab.Page.Locator("[data-testid=alert-row][data-state=open]")).ToHaveCountAsync(4);
        await tab.Page.GetByTestId("select-all").CheckAsync();
        await tab.Page.GetByTestId("bulk-note").FillAsync("đã gọi điện xin lỗi");
        await tab.Page.GetByTestId("bulk-ack").ClickAsync();
        await Expect(tab.Page.GetByTestId("bulk-result")).ToContainTextAsync("Đã xác nhận 4 cảnh báo");
        await Expect(tab.Page.Locator("[data-testid=alert-row][data-state=acknowledged]")).ToHaveCountAsync(4, Slow);

        var alerts = (await host.Get($"/api/v1/alerts?ward={ward}")).EnumerateArray().ToList();
        Assert.All(alerts.Where(a => a.GetProperty("kind").GetString()!.StartsWith("rating-low")), a =>
            Assert.Equal(("acknowledged", "chief.bulk", "đã gọi điện xin lỗi"),
                (a.GetProperty("state").GetString(), a.GetProperty("acknowledgedBy").GetString(), a.GetProperty("acknowledgeNote").GetString())));
        Assert.Empty(tab.Outside);
    }

    [Fact]
    public async Task The_ward_page_shows_each_desks_satisfaction()
    {
        const string ward = "00256";
        var key = await host.Provision("sat-robot", "robot", ward);
        await host.PostAccepted(key,
            Event("rating.submitted", "sat-robot", ward, host.Now.AddMinutes(-3), new { score = 5, counter = "1" }),
            Event("rating.submitted", "sat-robot", ward, host.Now.AddMinutes(-2), new { score = 4, counter = "1" }),
            Event("rating.submitted", "sat-robot", ward, host.Now.AddMinutes(-1), new { score = 2, counter = "1" }));
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GotoAsync($"/wards/{ward}");

        // (5 + 4 + 2) / 3 = 3.67, shown to one decimal with the Vietnamese comma.
        var cell = tab.Page.Locator("[data-testid=counter-row][data-counter='1'] [data-testid=counter-satisfaction]");
        await Expect(cell).ToContainTextAsync("3,7/5", new() { Timeout = 15_000 });
        await Expect(cell).ToHaveAttributeAsync("data-ratings", "3");
        await Expect(cell).ToHaveAttributeAsync("data-low", "1");
        Assert.Empty(tab.Outside);
    }
}
