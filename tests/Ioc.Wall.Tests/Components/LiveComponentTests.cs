using System.Collections.Immutable;
using System.Globalization;
using Bunit;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Components.Pages;
using Ioc.Dashboard.History;
using Ioc.Dashboard.Components.Panels;
using Ioc.Dashboard.Live;
using Ioc.Dashboard.Replay;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wall.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace Ioc.Wall.Tests.Components;

/// <summary>Pages and charts fed live, with the grains and the hub replaced by substitutes.</summary>
public sealed class LiveComponentTests : ComponentTestBase
{
    private const string PlotlyModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";
    private readonly IGrainFactory _grains = Substitute.For<IGrainFactory>();
    private readonly ICityFeedGrain _cityFeed = Substitute.For<ICityFeedGrain>();
    private readonly LiveFeed _feed;
    private ImmutableArray<CitySample> _samples;
    private readonly BunitJSModuleInterop _plotly;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    public LiveComponentTests()
    {
        _grains.GetGrain<ICityFeedGrain>(Arg.Any<long>(), Arg.Any<string?>()).Returns(_cityFeed);
        var ward = Substitute.For<IWardGrain>();
        ward.GetAlerts().Returns(Task.FromResult(ImmutableArray<Alert>.Empty));
        _grains.GetGrain<IWardGrain>(Arg.Any<string>(), Arg.Any<string?>()).Returns(ward);
        _samples = [.. Enumerable.Range(0, 5).Select(i => new CitySample(Now.AddMinutes(-5 + i).ToUniversalTime(), 100 + i, 300, 0))];
        _cityFeed.GetToday().Returns(_ => Task.FromResult(_samples));
        var hub = Substitute.For<IHubContext<IocHub, IIocClient>>();
        _feed = new LiveFeed(_grains, new FeedClients(hub, NullLogger<FeedClients>.Instance), hub, NullLogger<LiveFeed>.Instance);
        Services.AddSingleton(_feed);
        Services.AddSingleton(new AlertBoard(_grains, _feed, TimeProvider.System, Hanoi));
        Services.AddSingleton(new DashboardLayouts(Repo.CopyDashboards(), NullLogger<DashboardLayouts>.Instance));
        Services.AddSingleton<ICitySeries>(new GrainCitySeries(_grains));
        Services.AddSingleton(Substitute.For<IHostApplicationLifetime>());
        AddReplayServices();
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _plotly = JSInterop.SetupModule(PlotlyModule);
        _plotly.Mode = JSRuntimeMode.Loose;
    }

    /// <summary>The wall also serves replays: their services, unused by a live page.</summary>
    private void AddReplayServices()
    {
        var clock = new IocClock(TimeProvider.System);
        var history = new WardHistoryReader(_grains, Substitute.For<IWardHistoryStore>(), clock, NullLogger<WardHistoryReader>.Instance);
        Services.AddSingleton(new Replays(_grains, clock, new ConfigurationBuilder().Build(), history, NullLogger<ReplaySession>.Instance, TimeProvider.System));
        Services.AddSingleton(_ => new AuditLog(Path.Combine(Path.GetTempPath(), "ioc-bunit-" + Guid.NewGuid().ToString("N")), TimeProvider.System));
        Services.AddScoped<ReplayCursor>();
    }

    private int Calls(string function) => _plotly.Invocations.Count(i => i.Identifier == function);

    /// <summary>A city feed delta as the grain sends it: the changed lines and the strip over all wards.</summary>
    private static WallDelta Delta(long number, ImmutableArray<WardSummary> all, params string[] changed) =>
        new(0, number, Now, [.. all.Where(w => changed.Contains(w.Code))], CityTotals.From(all), all.Sum(w => w.AlertsOpen));

    [Fact]
    public async Task The_wall_takes_only_the_changed_wards_from_each_delta_and_restyles_its_charts_instead_of_re_creating_them()
    {
        var first = City(w => Summary(w.Code, waiting: w.Code == "00004" ? 10 : 0, histogram: [4, 2]));
        _cityFeed.GetFrame().Returns(Frame(first));
        _auth.SetAuthorized("leader");
        _auth.SetRoles(Roles.City);

        var cut = RenderIn<Ioc.Dashboard.Components.Pages.Wall>(WallText.Vi);
        cut.WaitForAssertion(() => Assert.Equal("10", cut.Find("[data-testid=city-waiting-value]").TextContent));
        Assert.Equal(126, cut.FindAll("[data-testid=ward-cell]").Count);
        cut.WaitForAssertion(() => Assert.Equal(2, Calls("newPlot")));

        // Only 00004 changes; the other 125 lines are not in the deltas at all.
        for (var i = 1; i <= 5; i++)
        {
            var wards = City(w => w.Code == "00004" ? Summary(w.Code, "critical", waiting: 10 + i * 10, histogram: [4 + i, 2, i]) : first.Single(x => x.Code == w.Code));
            await _feed.OnWall(Delta(i, wards, "00004"));
            await Task.Delay(60);
        }
        cut.WaitForAssertion(() => Assert.Equal("60", cut.Find("[data-testid=city-waiting-value]").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("st-critical", cut.Find("[data-testid=ward-cell][data-code='00004']").ClassName));
        Assert.Contains("st-ok", cut.Find("[data-testid=ward-cell][data-code='00008']").ClassName);
        // The city's distribution: 125 unchanged wards' [4, 2] and 00004's last [9, 2, 5].
        cut.WaitForAssertion(() => Assert.Equal(125 * (4 + 2) + (9 + 2 + 5), int.Parse(cut.Find("[data-testid=wait-distribution]").GetAttribute("data-total")!)));
        // Two plots drawn once; the histogram follows with react (Plotly.react restyles in place).
        Assert.Equal(2, Calls("newPlot"));
        Assert.InRange(Calls("react"), 1, 5);
    }

    [Fact]
    public async Task A_missed_delta_makes_the_feed_read_the_whole_wall_again_and_the_page_shows_it()
    {
        var first = City(w => Summary(w.Code, waiting: 1));
        _cityFeed.GetFrame().Returns(Frame(first));
        _auth.SetAuthorized("leader");
        _auth.SetRoles(Roles.City);
        var cut = RenderIn<Ioc.Dashboard.Components.Pages.Wall>(WallText.Vi);
        cut.WaitForAssertion(() => Assert.Equal("126", cut.Find("[data-testid=city-waiting-value]").TextContent));

        // Frames 1 and 2 never arrive; the feed has moved on to frame 2 with every ward at 2 waiting.
        var later = City(w => Summary(w.Code, waiting: 2));
        _cityFeed.GetFrame().Returns(Frame(later) with { Number = 2 });
        var third = City(w => Summary(w.Code, waiting: w.Code == "00004" ? 30 : 2));
        await _feed.OnWall(Delta(3, third, "00004"));

        cut.WaitForAssertion(() => Assert.Equal((125 * 2 + 30).ToString(CultureInfo.InvariantCulture), cut.Find("[data-testid=city-waiting-value]").TextContent));
        await _cityFeed.Received(2).GetFrame();
    }

    [Fact]
    public async Task The_city_queue_chart_appends_new_minutes_with_extendTraces_bounded_to_its_maximum()
    {
        var cut = RenderIn<CityQueueChart>(WallText.Vi, p => p.Add(c => c.MaxPoints, 6).Add(c => c.PollInterval, TimeSpan.FromHours(1)));
        cut.WaitForAssertion(() => Assert.Equal(1, Calls("newPlot")));
        Assert.Equal("5", cut.Find("[data-testid=city-queue-chart]").GetAttribute("data-points"));

        _samples = [.. _samples, .. Enumerable.Range(0, 3).Select(i => new CitySample(Now.AddMinutes(i).ToUniversalTime(), 200 + i, 300, 0))];
        await cut.Instance.Refresh();
        var extend = Assert.Single(_plotly.Invocations, i => i.Identifier == "extendTraces");
        Assert.Equal(6, extend.Arguments[^1]);                          // bounded: max points
        var xs = Assert.IsAssignableFrom<IEnumerable<IEnumerable<object>>>(extend.Arguments[1]).Single().ToList();
        Assert.Equal(["2026-11-25 09:30:00", "2026-11-25 09:31:00", "2026-11-25 09:32:00"], xs);
        cut.WaitForAssertion(() => Assert.Equal("6", cut.Find("[data-testid=city-queue-chart]").GetAttribute("data-points")));

        // Nothing new: nothing sent. A new day: the same plot is redrawn with react, never re-created.
        await cut.Instance.Refresh();
        Assert.Equal(1, Calls("extendTraces"));
        _samples = [new CitySample(Now.AddDays(1).AddHours(-1).ToUniversalTime(), 3, null, 0)];
        await cut.Instance.Refresh();
        Assert.Equal(1, Calls("react"));
        Assert.Equal(1, Calls("newPlot"));
    }
}
