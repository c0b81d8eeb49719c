using Ioc.Wall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>The wall and a ward page replaying a past day in Chromium: marked as a replay, showing that day's figures.</summary>
public sealed class ReplayPageTests(BrowserFixture browser, ReplayWallHost host) : IClassFixture<ReplayWallHost>
{
    private const string AtMidnight = $"day={ReplayWallHost.Day}&speed=60&from=24:00";
    // Rebuilding a day of 126 units from their logs takes a few seconds on a loaded machine.
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveTextOptions Slow = new() { Timeout = 30_000 };
    private static readonly Microsoft.Playwright.LocatorAssertionsToHaveAttributeOptions Rebuilt = new() { Timeout = 30_000 };

    [Fact]
    public async Task The_wall_in_replay_shows_the_banner_and_the_days_figures_at_midnight()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await tab.Page.GotoAsync($"/replay?{AtMidnight}");

        var banner = tab.Page.GetByTestId("replay-banner");
        await Expect(banner).ToHaveAttributeAsync("data-day", ReplayWallHost.Day);
        await Expect(tab.Page.GetByTestId("replay-tag")).ToContainTextAsync("Phát lại");
        await Expect(tab.Page.GetByTestId("replay-clock")).ToHaveTextAsync("24:00:00", Slow);
        await Expect(tab.Page.GetByTestId("wall")).ToHaveAttributeAsync("data-replay", "true", Rebuilt);
        // Nine tickets issued, three called: six still waiting when the day ended.
        await Expect(tab.Page.GetByTestId("city-waiting-value")).ToHaveTextAsync($"{ReplayWallHost.WaitingAtMidnight}", Slow);
        await Expect(tab.Page.Locator($"[data-testid=ward-cell][data-code='{ReplayWallHost.Ward}']")).ToBeVisibleAsync();
        Assert.Empty(tab.Outside);
        Assert.Empty(tab.ConsoleErrors);
    }

    [Fact]
    public async Task A_ward_page_in_replay_shows_that_wards_day_and_the_banner_in_english()
    {
        await using var tab = await browser.Open(host, lang: "en");
        await tab.SignInAdmin();
        await tab.Page.GotoAsync($"/replay/wards/{ReplayWallHost.Ward}?{AtMidnight}");

        await Expect(tab.Page.GetByTestId("replay-tag")).ToContainTextAsync("Replay");
        await Expect(tab.Page.GetByTestId("ward-page")).ToHaveAttributeAsync("data-replay", "true", Rebuilt);
        await Expect(tab.Page.GetByTestId("ward-waiting-value")).ToHaveTextAsync($"{ReplayWallHost.WaitingAtMidnight}", Slow);
        // Back to live: the ward as it is today, no banner.
        await tab.Page.GetByTestId("replay-back-to-live").ClickAsync();
        await tab.Page.WaitForURLAsync($"**/wards/{ReplayWallHost.Ward}");
        await Expect(tab.Page.GetByTestId("ward-page")).ToHaveAttributeAsync("data-replay", "false", Rebuilt);
        await Expect(tab.Page.GetByTestId("replay-banner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_ward_chief_may_not_open_a_replay()
    {
        await host.CreateUser("rp-chief", "chief-password-123", "ward-chief", ReplayWallHost.Ward);
        await using var tab = await browser.Open(host);
        await tab.SignIn("rp-chief", "chief-password-123");
        var r = await tab.Page.GotoAsync($"/replay?{AtMidnight}");
        Assert.Equal(403, r!.Status);
        await Expect(tab.Page.GetByTestId("replay-forbidden")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("replay-banner")).ToHaveCountAsync(0);
    }
}
