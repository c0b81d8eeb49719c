using Ioc.Time;
using Ioc.Wall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>
/// A center on a demo clock (an hour a minute from 07:55 on a Wednesday) with a whole city of
/// devices posting through the ingest API, for the screenshots in docs/.
/// </summary>
public sealed class DemoHost : WallHost
{
    public static readonly DateTimeOffset BusinessStart = new(2026, 11, 25, 7, 55, 0, HanoiTime.Offset);

    public IocClock Clock { get; } = new(TimeProvider.System, speed: 60, businessStart: BusinessStart.ToUniversalTime());

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Clock);
}

public sealed class ScreenshotTests(BrowserFixture browser, DemoHost host) : IClassFixture<DemoHost>
{
    /// <summary>IOC_SCREENSHOT_DIR=docs writes them into the repository; otherwise next to the test binaries.</summary>
    private static string OutputDir()
    {
        var dir = Environment.GetEnvironmentVariable("IOC_SCREENSHOT_DIR") is { Length: > 0 } d
            ? Path.GetFullPath(d, Repo.Root)
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public async Task Screenshots_of_the_wall_and_a_ward_page_during_a_simulated_morning()
    {
        var city = new DemoCity(host);
        await city.Provision();
        var last = host.Now;
        await city.SeedDossiers(last);
        await city.Heartbeat(last);
        city.Silence("00382"); // Xã Kim Anh: one commune's desk device goes quiet: its desks show offline

        var until = DateTime.UtcNow + TimeSpan.FromSeconds(75);
        var beat = DateTime.UtcNow;
        while (DateTime.UtcNow < until)
        {
            var now = host.Now;
            await city.Step(last, now);
            last = now;
            if (DateTime.UtcNow - beat > TimeSpan.FromSeconds(15))
            {
                await city.Heartbeat(now);
                beat = DateTime.UtcNow;
            }
            await Task.Delay(1000);
        }
        await city.Heartbeat(host.Now);

        var dir = OutputDir();
        await using var tab = await browser.Open(host, width: 1920, height: 1080);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("ward-cell")).ToHaveCountAsync(126);
        await Expect(tab.Page.GetByTestId("city-queue-chart").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The busiest ward is hovered, so the side panel shows a unit's figures.
        await tab.Page.Locator("[data-testid=inset-cell][data-code='00292']").HoverAsync(new() { Force = true });
        await Expect(tab.Page.GetByTestId("unit-name")).ToHaveTextAsync("Phường Bạch Mai", new() { Timeout = 10_000 });
        await tab.Page.WaitForTimeoutAsync(1500);
        var wall = Path.Combine(dir, "wall.png");
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = wall });

        await tab.Page.GotoAsync("/wards/00292");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("hall-robot").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("ward-wait-distribution").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await tab.Page.WaitForTimeoutAsync(1500);
        var ward = Path.Combine(dir, "ward.png");
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = ward });

        await tab.Page.GotoAsync("/rankings");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("ranking-row")).ToHaveCountAsync(126, new() { Timeout = 20_000 });
        var rankings = Path.Combine(dir, "rankings.png");
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = rankings });

        Assert.True(new FileInfo(wall).Length > 50_000);
        Assert.True(new FileInfo(ward).Length > 50_000);
        Assert.True(new FileInfo(rankings).Length > 50_000);
        Assert.Empty(tab.Outside);
    }
}
