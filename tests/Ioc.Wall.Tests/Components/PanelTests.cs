using System.Collections.Immutable;
using Bunit;
using Ioc.Dashboard.Components.Panels;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Halls;

namespace Ioc.Wall.Tests.Components;

/// <summary>The wall's and the ward page's panels rendered alone with bunit.</summary>
public sealed class PanelTests : ComponentTestBase
{
    private static PanelSpec Strip => Layouts.Wall.Panel("city-strip")!;

    [Fact]
    public void The_city_strip_shows_each_figure_of_its_panel_coloured_by_the_thresholds()
    {
        var wards = City(w => Summary(w.Code, waiting: w.Code == "00004" ? 2000 : 1, overdue: w.Code == "00008" ? 3 : 0, avgWait: 600));
        var frame = Frame(wards);
        var cut = RenderIn<FigureStrip>(WallText.Vi, p => p
            .Add(c => c.Panel, Strip)
            .Add(c => c.Inputs, FigureInputs.Of(frame.Totals))
            .Add(c => c.Prefix, "city"));

        Assert.Equal(Strip.Figures.Length, cut.FindAll(".tile").Count);
        var waiting = cut.Find("[data-testid=city-waiting]");
        Assert.Contains("Đang chờ", waiting.TextContent);
        Assert.Equal("2.125", cut.Find("[data-testid=city-waiting-value]").TextContent); // 2000 + 125
        Assert.Equal("critical", waiting.GetAttribute("data-level"));                     // ≥ 1600
        Assert.Equal("warning", cut.Find("[data-testid=city-overdue]").GetAttribute("data-level"));
        Assert.Equal("10 phút", cut.Find("[data-testid=city-avgWait-value]").TextContent);
        Assert.Equal("126/126", cut.Find("[data-testid=city-robots-value]").TextContent);
        Assert.Contains("Mức độ hài lòng", cut.Find("[data-testid=city-satisfaction]").TextContent);

        var english = RenderIn<FigureStrip>(WallText.En, p => p.Add(c => c.Panel, Strip).Add(c => c.Inputs, FigureInputs.Of(frame.Totals)));
        Assert.Contains("Waiting now", english.Find("[data-testid=city-waiting]").TextContent);
        Assert.Equal("2,125", english.Find("[data-testid=city-waiting-value]").TextContent);
    }

    [Fact]
    public void The_map_draws_126_units_by_status_grey_when_stale_and_an_inset_of_the_core()
    {
        var wards = City(w => w.Code switch
        {
            "00004" => Summary(w.Code, "critical"),
            "00008" => Summary(w.Code, "warning"),
            "09574" => Summary(w.Code, "stale"),
            _ => Summary(w.Code),
        }).ToDictionary(w => w.Code);
        var map = RenderIn<WardMap>(WallText.Vi, p => p.Add(c => c.Panel, Layouts.Wall.Panel("map")!).Add(c => c.Wards, wards));
        var cells = map.FindAll("[data-testid=ward-cell]");
        Assert.Equal(126, cells.Count);
        Assert.Contains("st-critical", map.Find("[data-code='00004']").ClassName);
        Assert.Contains("st-warning", map.Find("[data-code='00008']").ClassName);
        Assert.Contains("st-stale", map.Find("[data-code='09574']").ClassName);
        Assert.Equal(123, cells.Count(c => c.ClassList.Contains("st-ok")));
        Assert.Contains("Phường Ba Đình — Nghiêm trọng", map.Find("[data-code='00004'] title").TextContent);
        Assert.Equal("wards/00004", map.Find("[data-code='00004']").ParentElement!.GetAttribute("href"));
        Assert.Single(map.FindAll("rect.inset-frame"));

        var inset = RenderIn<WardMap>(WallText.Vi, p => p.Add(c => c.Panel, Layouts.Wall.Panel("urban-inset")!).Add(c => c.Wards, wards).Add(c => c.Inset, true));
        var insetCodes = inset.FindAll("[data-testid=inset-cell]").Select(c => c.GetAttribute("data-code")!).ToHashSet();
        Assert.Superset(WardShapes.For(Hanoi).Core.ToHashSet(), insetCodes);
        Assert.DoesNotContain("09574", insetCodes);
        Assert.Contains(inset.FindAll("text.map-label"), t => t.TextContent == "Hoàn Kiếm");
    }

    [Fact]
    public void A_new_frame_re_renders_only_the_units_that_changed()
    {
        var wards = City().ToDictionary(w => w.Code);
        var map = RenderIn<WardMap>(WallText.Vi, p => p.Add(c => c.Panel, Layouts.Wall.Panel("map")!).Add(c => c.Wards, wards));
        var before = map.FindComponents<MapCell>().ToDictionary(c => c.Instance.Shape.Code, c => c.RenderCount);

        var next = new Dictionary<string, WardSummary>(wards) { ["00070"] = Summary("00070", "critical", waiting: 45) };
        map.Render(p => p.Add(c => c.Wards, next));

        var after = map.FindComponents<MapCell>().ToDictionary(c => c.Instance.Shape.Code, c => c.RenderCount);
        Assert.Equal(before["00070"] + 1, after["00070"]);
        Assert.All(after.Where(kv => kv.Key != "00070"), kv => Assert.Equal(before[kv.Key], kv.Value));
        Assert.Contains("st-critical", map.Find("[data-code='00070']").ClassName);
    }

    [Fact]
    public void The_worst_wards_rank_by_each_figure_and_skip_units_with_nothing_to_show()
    {
        var wards = City(w => w.Code switch
        {
            "00004" => Summary(w.Code, waiting: 50),
            "00008" => Summary(w.Code, waiting: 25, overdue: 7),
            "00025" => Summary(w.Code, waiting: 10, overdue: 1),
            _ => Summary(w.Code),
        });
        var cut = RenderIn<WorstWards>(WallText.Vi, p => p.Add(c => c.Panel, Layouts.Wall.Panel("worst-wards")!).Add(c => c.Wards, wards));
        var byWaiting = cut.FindAll("[data-testid=worst-waiting] [data-testid=worst-row]").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(["00004", "00008", "00025"], byWaiting);
        Assert.Contains("lv-critical", cut.Find("[data-testid=worst-waiting] [data-code='00004']").ClassName);
        var byOverdue = cut.FindAll("[data-testid=worst-overdue] [data-testid=worst-row]").Select(r => r.GetAttribute("data-code")).ToList();
        Assert.Equal(["00008", "00025"], byOverdue);
        Assert.Contains("Nhiều hồ sơ quá hạn nhất", cut.Find("[data-testid=worst-overdue]").TextContent);
    }

    [Fact]
    public void The_hall_plan_draws_the_desks_and_each_robot_at_its_pose_with_heading_battery_and_trail()
    {
        var counters = ImmutableArray.Create(
            new CounterView("1", "open", ["ho-tich"], "A012", 14, Now, true, "d1"),
            new CounterView("2", "paused", ["chung-thuc"], null, 3, Now, true, "d1"),
            new CounterView("3", "open", ["dat-dai"], null, 0, Now.AddMinutes(-5), false, "d1"),
            new CounterView("5", "closed", [], null, 0, null, false, "d1"));
        var trail = Enumerable.Range(0, 20).Select(i => new TrailPoint(2 + i * 0.5, 5, Now.AddSeconds(i))).ToImmutableArray();
        var robots = ImmutableArray.Create(
            new RobotView("rb-1", "00004", new Pose(10, 6, Math.PI / 2, "G"), 15, "guiding", null, Now, true, trail),
            new RobotView("rb-2", "00004", new Pose(2, 1.5, 0, "G"), 90, "charging", null, Now, false, []));
        var cut = RenderIn<HallPlanView>(WallText.Vi, p => p.Add(c => c.Counters, counters).Add(c => c.Robots, robots));

        var plan = HallPlan.Standard(5);
        Assert.Equal(5, cut.FindAll("[data-testid=hall-desk]").Count);
        Assert.Equal("open", cut.Find("[data-testid=hall-desk][data-counter='1']").GetAttribute("data-status"));
        Assert.Equal("offline", cut.Find("[data-testid=hall-desk][data-counter='3']").GetAttribute("data-status"));
        Assert.Contains("A012", cut.Find("[data-testid=hall-desk][data-counter='1']").TextContent);

        var rb1 = cut.Find("[data-testid=hall-robot][data-device='rb-1']");
        Assert.Equal("guiding", rb1.GetAttribute("data-mode"));
        // Drawn with the entrance at the bottom: y on screen is the plan's height minus y.
        Assert.Equal($"transform:translate(10px,{plan.Height - 6}px)", rb1.QuerySelector(".robot-body")!.GetAttribute("style"));
        Assert.Equal("rotate(-90)", rb1.QuerySelector(".robot-body > g")!.GetAttribute("transform"));
        Assert.Contains("lv-warning", rb1.QuerySelector("[data-testid=robot-battery]")!.ClassName);
        Assert.Equal(8, rb1.QuerySelectorAll("line.robot-trail").Length); // the last 8 points and the pose: 8 segments
        Assert.Contains("15% · Đang hướng dẫn", rb1.TextContent);
        Assert.Equal("offline", cut.Find("[data-testid=hall-robot][data-device='rb-2']").GetAttribute("data-mode"));
    }

    [Fact]
    public void The_counters_board_and_queues_show_what_a_citizen_is_told()
    {
        var counters = ImmutableArray.Create(
            new CounterView("1", "open", ["ho-tich", "chung-thuc"], "A012", 14, Now, true, "d1"),
            new CounterView("2", "open", ["dat-dai"], null, 3, Now, false, "d1"));
        var board = RenderIn<CountersBoard>(WallText.Vi, p => p.Add(c => c.Counters, counters));
        Assert.Equal("open", board.Find("[data-counter='1']").GetAttribute("data-status"));
        Assert.Equal("offline", board.Find("[data-counter='2']").GetAttribute("data-status"));
        Assert.Contains("Hộ tịch, Chứng thực", board.Find("[data-counter='1']").TextContent);
        Assert.Contains("Mất kết nối", board.Find("[data-counter='2']").TextContent);

        var queues = ImmutableArray.Create(new QueueView("ho-tich", 7, 2400, 1260), new QueueView("dat-dai", 1, 120, 480));
        var table = RenderIn<QueuesTable>(WallText.Vi, p => p.Add(c => c.Queues, queues));
        Assert.Equal("21 phút", table.Find("[data-service=ho-tich] [data-testid=queue-estimate]").TextContent);
        Assert.Contains("lv-warning", table.Find("[data-service=ho-tich]").ClassName); // someone waits 40 min
        Assert.Contains("Đất đai", table.Find("[data-service=dat-dai]").TextContent);
    }

    [Fact]
    public void An_alert_shows_who_acknowledged_it_and_the_buttons_call_back()
    {
        var open = new Alert("00004-a1", "00004", AlertKinds.QueueLong, AlertSeverities.Critical,
            Now.AddMinutes(-10), AlertStates.Open, null, null, null, null, "queue-long", null, null, false, Figure: 40);
        var acked = open with
        {
            Id = "00004-a2", Kind = AlertKinds.RobotError, State = AlertStates.Acknowledged, AcknowledgedBy = "chief.badinh",
            AcknowledgedAt = Now.AddMinutes(-2), Subject = "rb-1", Figure = null, Severity = AlertSeverities.Warning,
        };
        Alert? acknowledged = null, resolved = null;
        var cut = RenderIn<AlertList>(WallText.Vi, p => p
            .Add(c => c.Alerts, [open, acked])
            .Add(c => c.OnAcknowledge, (AlertCommand c) => acknowledged = c.Alert)
            .Add(c => c.OnResolve, (AlertCommand c) => resolved = c.Alert));

        var row = cut.Find("[data-alert-id='00004-a2']");
        Assert.Equal("Đã xác nhận bởi chief.badinh lúc 09:28", row.QuerySelector("[data-testid=alert-acknowledged-by]")!.TextContent);
        Assert.Null(row.QuerySelector("[data-testid=ack-button]"));
        cut.Find("[data-alert-id='00004-a1'] [data-testid=ack-button]").Click();
        Assert.Equal("00004-a1", acknowledged?.Id);
        cut.Find("[data-alert-id='00004-a2'] [data-testid=resolve-button]").Click();
        Assert.Equal("00004-a2", resolved?.Id);
        Assert.Contains("sev-critical", cut.Find("[data-alert-id='00004-a1']").ClassName);
    }
}
