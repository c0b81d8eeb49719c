using System.Text.Json;
using Ioc.Time;
using Ioc.Wall.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>
/// The README's first command as a user sees it: the embedded simulator playing a normal Wednesday
/// for all 126 units over the real telemetry API, the scheduled jobs on, the demo clock from 07:45
/// (at 120× here, so the morning peak is reached in about a minute of real time).
/// </summary>
public sealed class DemoHost : WallHost
{
    public static readonly DateTimeOffset BusinessStart = new(2026, 11, 25, 7, 45, 0, HanoiTime.Offset);
    /// <summary>The moment of the screenshots: the morning peak (09:00–10:30) under way.</summary>
    public static readonly DateTimeOffset ShotAt = new(2026, 11, 25, 9, 50, 0, HanoiTime.Offset);

    public IocClock Clock { get; } = new(TimeProvider.System, speed: 120, businessStart: BusinessStart.ToUniversalTime());

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Ioc:Simulator:Enabled", "true"), new("Ioc:Simulator:Scenario", "normal"), new("Ioc:Jobs:Enabled", "true")];

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
    public async Task Screenshots_of_the_simulated_normal_morning_show_the_city_hanoi_reports()
    {
        // The demo clock is the thing waited for: the simulator posts by it.
        while (host.Now < DemoHost.ShotAt) await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // A normal day as the city reports it after iHanoi's queue numbers (README "Simulator scenarios"):
        // an average wait of about 10–15 minutes, a few halls under pressure, none with a crowd for hours.
        var city = await host.Get("/api/v1/city");
        Assert.True(city.GetProperty("waitsMeasured").GetInt32() > 1_000, $"the morning's waits are measured: {city}");
        var avgMinutes = city.GetProperty("avgWaitSeconds").GetDouble() / 60;
        Assert.InRange(avgMinutes, 5, 20);
        var wards = (await host.Get("/api/v1/wards")).EnumerateArray().ToList();
        Assert.Equal(126, wards.Count);
        Assert.InRange(wards.Max(w => w.GetProperty("waiting").GetInt32()), 1, 60);
        // Shown: the busiest hall among those with queue robots, so the hall plan has robots walking.
        var busiest = wards.Where(w => w.GetProperty("robotsOnline").GetInt32() > 0).MaxBy(w => w.GetProperty("waiting").GetInt32());
        var code = busiest.GetProperty("code").GetString()!;
        foreach (var q in (await host.Get($"/api/v1/wards/{code}")).GetProperty("queues").EnumerateArray())
            if (q.GetProperty("estimatedWaitSeconds") is { ValueKind: JsonValueKind.Number } estimate)
                Assert.True(estimate.GetDouble() < 2 * 3600, $"no citizen is told a wait of hours: {q}");

        var dir = OutputDir();
        await using var tab = await browser.Open(host, width: 1920, height: 1080);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("ward-cell")).ToHaveCountAsync(126);
        await Expect(tab.Page.GetByTestId("city-queue-chart").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        // The busiest hall is hovered, so the side panel shows a unit's figures.
        var name = busiest.GetProperty("name").GetString()!;
        await tab.Page.Locator($"[data-testid=inset-cell][data-code='{code}'], [data-testid=ward-cell][data-code='{code}']").First.HoverAsync(new() { Force = true });
        await Expect(tab.Page.GetByTestId("unit-name")).ToContainTextAsync(name, new() { Timeout = 10_000 });
        var wall = Path.Combine(dir, "wall.png");
        await tab.Page.ScreenshotAsync(new PageScreenshotOptions { Path = wall });

        await tab.Page.GotoAsync($"/wards/{code}");
        await tab.WaitForCircuit();
        await Expect(tab.Page.GetByTestId("ward-wait-distribution").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("ward-history").Locator(".main-svg").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(tab.Page.GetByTestId("hall-robot").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
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
