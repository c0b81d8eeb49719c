using System.Text.Json.Nodes;
using Ioc.Dashboard.Wall;
using Ioc.Wall.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ioc.Wall.Tests.Layouts;

/// <summary>dashboards/*.json: what is checked at start-up and what a change to a file does.</summary>
public sealed class DashboardLayoutTests
{
    private static JsonNode RepoWall() => JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Dashboards, "wall.json")))!;

    private static string Problem(JsonNode wall)
    {
        var e = Assert.Throws<DashboardLayoutException>(() => DashboardLayoutReader.Parse(wall.ToJsonString(), "/x/wall.json", "wall"));
        Assert.StartsWith("Dashboard layout '/x/wall.json'", e.Message);
        return e.Message;
    }

    private static JsonNode Panel(JsonNode layout, string id) => layout["panels"]!.AsArray().First(p => (string?)p!["id"] == id)!;

    [Fact]
    public void The_repositorys_layouts_load_and_place_every_panel_in_its_grid()
    {
        var set = DashboardLayouts.Load(Repo.Dashboards);
        Assert.Contains(set.Wall.Panels, p => p.Kind == "map");
        Assert.Contains(set.Wall.Panels, p => p.Kind == "urban-inset");
        Assert.Equal(
            ["waiting", "avgWait", "maxWait", "overTarget", "overdue", "dueSoon", "robots", "satisfaction", "estimateError", "estimateErrorShare", "estimateUnder", "filedElsewhere"],
            set.Wall.Panel("city-strip")!.Figures);
        Assert.Contains(set.Ward.Panels, p => p.Kind == "hall");
        Assert.Contains("grid-template-areas:", set.Wall.GridStyle);
        var satisfaction = set.Wall.Panel("city-strip")!.ThresholdFor("satisfaction")!;
        Assert.True(satisfaction.LowerIsWorse);
        Assert.Equal("critical", satisfaction.Level(3.2));
        Assert.Equal("ok", satisfaction.Level(4.6));
    }

    [Fact]
    public void An_unknown_figure_is_named_with_its_panel()
    {
        var wall = RepoWall();
        Panel(wall, "strip")["figures"]!.AsArray().Add("wating");
        Assert.Contains("panel 'strip': unknown figure 'wating'", Problem(wall));
    }

    [Fact]
    public void A_panel_outside_the_grid_a_shared_area_and_an_unknown_kind_are_refused()
    {
        var wall = RepoWall();
        Panel(wall, "map")["area"] = "atlas";
        Panel(wall, "dist")["area"] = "queue";
        Panel(wall, "alerts")["kind"] = "alert-ticker";
        var message = Problem(wall);
        Assert.Contains("panel 'map': area 'atlas' is not in the grid", message);
        Assert.Contains("panel 'dist': area 'queue' is already used by panel 'queue'", message);
        Assert.Contains("panel 'alerts': unknown kind 'alert-ticker'", message);
    }

    [Fact]
    public void Thresholds_must_be_numbers_in_the_figures_order()
    {
        var wall = RepoWall();
        Panel(wall, "strip")["thresholds"]!["waiting"] = new JsonObject { ["warning"] = 900, ["critical"] = 100 };
        Panel(wall, "strip")["thresholds"]!["satisfaction"] = new JsonObject { ["warning"] = 3.0, ["critical"] = 4.0 };
        Panel(wall, "worst")["thresholds"]!["overdue"] = new JsonObject { ["warning"] = "one", ["critical"] = 5 };
        var message = Problem(wall);
        Assert.Contains("panel 'strip': threshold 'waiting': \"critical\" (100) must not be below \"warning\" (900)", message);
        Assert.Contains("panel 'strip': threshold 'satisfaction': for a figure where lower is worse", message);
        Assert.Contains("panel 'worst': threshold 'overdue': \"warning\" must be a number", message);
    }

    [Fact]
    public void The_grid_must_be_rectangular_areas_matching_its_tracks()
    {
        var wall = RepoWall();
        wall["grid"]!["areas"] = new JsonArray("strip strip strip strip", "worst map inset alerts", "map worst details alerts", "queue queue dist alerts");
        Assert.Contains("grid area 'worst' is not a rectangle", Problem(wall));
        wall = RepoWall();
        wall["grid"]!["rows"] = "auto 1fr";
        Assert.Contains("grid \"rows\" has 2 track(s) but \"areas\" has 4 row(s)", Problem(wall));
        wall = RepoWall();
        wall["grid"]!["columns"] = "1fr; background:url(x)";
        Assert.Contains("grid \"columns\" must be a CSS track list", Problem(wall));
    }

    [Fact]
    public void Misspelt_properties_and_colouring_by_a_figure_without_thresholds_are_refused()
    {
        var wall = RepoWall();
        Panel(wall, "worst")["cuont"] = 5;
        Panel(wall, "map")["colorBy"] = "avgWait";
        var message = Problem(wall);
        Assert.Contains("panel 'worst': unknown property \"cuont\"", message);
        Assert.Contains("panel 'map': \"colorBy\": 'avgWait' needs a threshold for 'avgWait'", message);
    }

    [Fact]
    public void The_ward_layout_charts_today_against_last_week_with_bounded_points()
    {
        var history = DashboardLayouts.Load(Repo.Dashboards).Ward.Panel("ward-history")!;
        Assert.Equal(288, history.MaxPoints);
        Assert.Equal("Hôm nay so với cùng thứ tuần trước", history.Title(WallText.Vi));
        Assert.Equal("Today against the same weekday last week", history.Title(WallText.En));

        var ward = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Dashboards, "ward.json")))!;
        Panel(ward, "history")["maxPoints"] = 5;
        Panel(ward, "queue-chart")["maxPoints"] = 100;
        var e = Assert.Throws<DashboardLayoutException>(() => DashboardLayoutReader.Parse(ward.ToJsonString(), "/x/ward.json", "ward"));
        Assert.Contains("panel 'history': \"maxPoints\" must be a whole number from 10 to 10000", e.Message);
        Assert.Contains("panel 'queue-chart': \"maxPoints\" does not apply to a 'ward-queue-chart' panel", e.Message);
    }

    [Fact]
    public void Broken_json_names_the_file_and_the_line()
    {
        var e = Assert.Throws<DashboardLayoutException>(() => DashboardLayoutReader.Parse("{\n  \"layout\": \"wall\",\n  \"grid\": {\n", "/x/wall.json", "wall"));
        Assert.Contains("Dashboard layout '/x/wall.json': is not valid JSON (line", e.Message);
    }

    [Fact]
    public void A_ward_layout_in_the_wall_file_is_refused()
    {
        var ward = File.ReadAllText(Path.Combine(Repo.Dashboards, "ward.json"));
        var e = Assert.Throws<DashboardLayoutException>(() => DashboardLayoutReader.Parse(ward, "/x/wall.json", "wall"));
        Assert.Contains("\"layout\" must be \"wall\" (found \"ward\")", e.Message);
        Assert.Contains("panel 'hall': unknown kind 'hall'", e.Message);
    }

    [Fact]
    public async Task A_valid_change_replaces_the_layout_and_an_invalid_one_keeps_the_last_good_one()
    {
        var dir = Repo.CopyDashboards();
        using var layouts = new DashboardLayouts(dir, NullLogger<DashboardLayouts>.Instance);
        var changed = 0;
        layouts.Changed += () => Interlocked.Increment(ref changed);

        var wall = RepoWall();
        Panel(wall, "worst")["count"] = 3;
        await File.WriteAllTextAsync(Path.Combine(dir, "wall.json"), wall.ToJsonString());
        await Until(() => layouts.Wall.Panel("worst-wards")!.Count == 3, "the new count");
        Assert.True(changed >= 1);
        Assert.Null(layouts.ReloadError);

        Panel(wall, "worst")["count"] = 300;
        await File.WriteAllTextAsync(Path.Combine(dir, "wall.json"), wall.ToJsonString());
        await Until(() => layouts.ReloadError is not null, "the reload error");
        Assert.Contains("panel 'worst': \"count\" must be a whole number from 1 to 30", layouts.ReloadError);
        Assert.Equal(3, layouts.Wall.Panel("worst-wards")!.Count);
    }

    [Fact]
    public void The_folder_is_configured_or_found_above_the_content_root()
    {
        var nested = Path.Combine(Repo.Root, "src", "Ioc.Dashboard");
        var found = DashboardLayouts.ResolveDirectory(new ConfigurationBuilder()
            .AddInMemoryCollection([new("contentRoot", nested)]).Build());
        Assert.Equal(Repo.Dashboards, found);
        var configured = DashboardLayouts.ResolveDirectory(new ConfigurationBuilder()
            .AddInMemoryCollection([new(DashboardLayouts.ConfigKey, "/srv/ioc/layouts")]).Build());
        Assert.Equal("/srv/ioc/layouts", configured);
        var e = Assert.Throws<DashboardLayoutException>(() => DashboardLayouts.Load("/no/such/folder"));
        Assert.Contains("'/no/such/folder' does not exist", e.Message);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (condition()) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"no {what} within 10 s");
    }
}
