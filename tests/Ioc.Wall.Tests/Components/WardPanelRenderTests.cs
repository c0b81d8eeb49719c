using System.Collections.Immutable;
using Bunit;
using Ioc.Dashboard.Components.Panels;
using Ioc.Dashboard.Wall;
using Ioc.Grains;

namespace Ioc.Wall.Tests.Components;

/// <summary>
/// A watched ward pushes its whole detail when anything in it changed: the ward page's panels
/// render again only when their own part is different (by value, as a new push is a new object).
/// </summary>
public sealed class WardPanelRenderTests : ComponentTestBase
{
    private static ImmutableArray<QueueView> Queues(int waiting) =>
        [new QueueView("ho-tich", waiting, 600, 900), new QueueView("chung-thuc", 1, 120, 300)];

    private static ImmutableArray<RobotView> Robots(double x) =>
        [new RobotView("rb-1", "00004", new Pose(x, 4, 0.5, "G"), 80, "guiding", null, Now, true, [new TrailPoint(1, 1, Now), new TrailPoint(2, 2, Now)])];

    private static ImmutableArray<CounterView> Counters(string ticket) =>
        [new CounterView("1", "open", ["ho-tich", "xa-hoi"], ticket, 3, Now, true, "ctr-1")];

    [Fact]
    public void The_queues_table_renders_again_only_when_a_queue_changed()
    {
        var cut = RenderIn<QueuesTable>(WallText.Vi, p => p.Add(c => c.Queues, Queues(4)));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Queues, Queues(4)));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Queues, Queues(5)));
        Assert.Equal(renders + 1, cut.RenderCount);
        Assert.Contains("5", cut.Find("[data-testid=queue-row][data-service=ho-tich]").TextContent);
    }

    [Fact]
    public void The_hall_renders_again_only_when_a_robot_moved_or_a_desk_changed()
    {
        var cut = RenderIn<HallPlanView>(WallText.Vi, p => p.Add(c => c.Counters, Counters("A001")).Add(c => c.Robots, Robots(3)));
        var renders = cut.RenderCount;

        // The same robots and desks in new lists (with their own trail and services lists): nothing to draw.
        cut.Render(p => p.Add(c => c.Counters, Counters("A001")).Add(c => c.Robots, Robots(3)));
        Assert.Equal(renders, cut.RenderCount);

        cut.Render(p => p.Add(c => c.Counters, Counters("A001")).Add(c => c.Robots, Robots(6)));
        Assert.Equal(renders + 1, cut.RenderCount);
        Assert.StartsWith("transform:translate(6px,", cut.Find("[data-testid=hall-robot][data-device='rb-1'] .robot-body").GetAttribute("style"));

        var moved = cut.RenderCount;
        cut.Render(p => p.Add(c => c.Counters, Counters("A002")).Add(c => c.Robots, Robots(6)));
        Assert.True(cut.RenderCount > moved);
        Assert.Contains(cut.FindAll("[data-testid=hall-desk][data-counter='1'] text"), t => t.TextContent == "A002");
    }
}
