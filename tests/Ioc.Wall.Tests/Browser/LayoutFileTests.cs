using System.Text.Json.Nodes;
using Ioc.Dashboard.Wall;
using Ioc.Wall.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Ioc.Wall.Tests.Browser;

/// <summary>A center whose layouts come from a copy of dashboards/ that the test edits.</summary>
public sealed class EditableLayoutHost : WallHost
{
    public string LayoutDir { get; } = Repo.CopyDashboards();

    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(DashboardLayouts.ConfigKey, LayoutDir)];
}

public sealed class LayoutFileTests(BrowserFixture browser, EditableLayoutHost host) : IClassFixture<EditableLayoutHost>
{
    [Fact]
    public async Task Changing_the_wall_file_changes_the_open_wall_without_a_restart()
    {
        await using var tab = await browser.Open(host);
        await tab.SignInAdmin();
        await Expect(tab.Page.GetByTestId("city-satisfaction")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("panel-strip").GetByTestId("panel-title")).ToHaveTextAsync("Toàn thành phố hôm nay");

        // An operator edits the file: another title, satisfaction out, a strict waiting threshold.
        var file = Path.Combine(host.LayoutDir, "wall.json");
        var wall = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        var strip = wall["panels"]!.AsArray().First(p => (string?)p!["id"] == "strip")!;
        strip["title"] = new JsonObject { ["vi"] = "Hà Nội lúc này", ["en"] = "Hanoi now" };
        strip["figures"] = new JsonArray("waiting", "overdue", "alertsOpen");
        strip["thresholds"]!["waiting"] = new JsonObject { ["warning"] = 0, ["critical"] = 0 };
        await File.WriteAllTextAsync(file, wall.ToJsonString());

        await Expect(tab.Page.GetByTestId("panel-strip").GetByTestId("panel-title")).ToHaveTextAsync("Hà Nội lúc này", new() { Timeout = 10_000 });
        await Expect(tab.Page.GetByTestId("city-satisfaction")).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByTestId("city-alertsOpen")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("city-waiting")).ToHaveAttributeAsync("data-level", "critical");

        // A broken edit does not break the wall: the last good layout stays and the problem is shown.
        await File.WriteAllTextAsync(file, wall.ToJsonString().Replace("\"alertsOpen\"", "\"alertsOpenn\"", StringComparison.Ordinal));
        await Expect(tab.Page.GetByTestId("layout-error")).ToContainTextAsync("panel 'strip': unknown figure 'alertsOpenn'", new() { Timeout = 10_000 });
        await Expect(tab.Page.GetByTestId("city-alertsOpen")).ToBeVisibleAsync();
        Assert.Empty(tab.Outside);
    }
}

public sealed class BadLayoutStartupTests
{
    private sealed class BadLayoutHost(string dir) : WallHost
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(DashboardLayouts.ConfigKey, dir)];
    }

    [Fact]
    public async Task A_bad_layout_file_stops_start_up_naming_the_file_the_panel_and_the_problem()
    {
        var dir = Repo.CopyDashboards();
        var file = Path.Combine(dir, "ward.json");
        var ward = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        ward["panels"]!.AsArray().First(p => (string?)p!["id"] == "hall")!["area"] = "lobby";
        await File.WriteAllTextAsync(file, ward.ToJsonString());

        await using var host = new BadLayoutHost(dir);
        var e = await Assert.ThrowsAnyAsync<Exception>(async () => await host.InitializeAsync());
        var layout = e as DashboardLayoutException ?? e.InnerException as DashboardLayoutException
            ?? (e as AggregateException)?.InnerExceptions.OfType<DashboardLayoutException>().FirstOrDefault();
        Assert.NotNull(layout);
        Assert.Contains(file, layout.Message);
        Assert.Contains("panel 'hall'", layout.Message);
        Assert.Contains("area 'lobby' is not in the grid", layout.Message);
    }
}
