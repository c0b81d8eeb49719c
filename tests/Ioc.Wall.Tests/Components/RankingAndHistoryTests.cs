using System.Collections.Immutable;
using System.Security.Claims;
using Bunit;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Components.Pages;
using Ioc.Dashboard.Components.Panels;
using Ioc.Dashboard.History;
using Ioc.Dashboard.Jobs;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NSubstitute;

namespace Ioc.Wall.Tests.Components;

/// <summary>The rankings page and the ward page's history chart, fed by substitutes.</summary>
public sealed class RankingAndHistoryTests : ComponentTestBase
{
    private const string PlotlyModule = "./_content/Plotly.Blazor/plotly-interop-7.2.0.js";
    private static readonly DateOnly Today = HanoiTime.DayOf(Now);

    private readonly IRankingSource _rankings = Substitute.For<IRankingSource>();
    private readonly IWardHistorySource _history = Substitute.For<IWardHistorySource>();
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "ioc-rank-" + Guid.NewGuid().ToString("N"));
    private readonly ReportStore _reports;
    private readonly BunitJSModuleInterop _plotly;
    private readonly Bunit.TestDoubles.BunitAuthorizationContext _auth;

    public RankingAndHistoryTests()
    {
        _rankings.Current(Arg.Any<CancellationToken>()).Returns(_ => Task.FromResult(Ranking()));
        _reports = new ReportStore(new ConfigurationBuilder().AddInMemoryCollection([new("Ioc:DataPath", _dataPath)]).Build());
        Services.AddSingleton(_rankings);
        Services.AddSingleton(_history);
        Services.AddSingleton(_reports);
        Services.AddSingleton(Substitute.For<IHostApplicationLifetime>());
        _auth = AddAuthorization();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _plotly = JSInterop.SetupModule(PlotlyModule);
        _plotly.Mode = JSRuntimeMode.Loose;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(_dataPath, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    // ---- the rankings page ---------------------------------------------------------------------

    private static readonly string FirstCommune = WardDirectory.Load("hanoi").All.First(w => w.Type == "commune").Code;

    /// <summary>Kim Liên leads, Ba Đình follows, one commune did well; the others have nothing yet (ranked by name).</summary>
    private static Ranking Ranking()
    {
        DaySummary Day(int received, int online, int onTime, int late, int ratings, int good) =>
            new() { Day = Today, DossiersReceived = received, DossiersReceivedOnline = online, DossiersResolvedOnTime = onTime,
                DossiersResolvedLate = late, Ratings = ratings, RatingsGood = good, RatingSum = good * 5 };
        var units = WardDirectory.Load("hanoi").All.Select(w => (w, w.Code switch
        {
            "00229" => Day(100, 60, 95, 2, 40, 38),   // 19 + 22 + 17.1 = 58.1 → 96.83
            "00004" => Day(100, 20, 80, 10, 10, 9),   // 16 + 8.8 + 16.2 = 41 → 68.33
            _ when w.Code == FirstCommune => Day(50, 10, 45, 0, 20, 15), // 18 + 8.8 + 13.5 = 40.3 → 67.17
            _ => Day(0, 0, 0, 0, 0, 0),
        }));
        // Computed at 09:15 in Hanoi, handed over in UTC: the page shows Hanoi time.
        return ServiceIndexJob.Rank(Today, new DateOnly(Today.Year, Today.Month, 1), new DateTimeOffset(2026, 11, 25, 2, 15, 0, TimeSpan.Zero), units);
    }

    private static List<string> Codes(IRenderedComponent<RankingsPage> cut) =>
        [.. cut.FindAll("[data-testid=ranking-row]").Select(r => r.GetAttribute("data-code")!)];

    private static List<int> Ranks(IRenderedComponent<RankingsPage> cut) =>
        [.. cut.FindAll("[data-testid=ranking-row]").Select(r => int.Parse(r.GetAttribute("data-rank")!, System.Globalization.CultureInfo.InvariantCulture))];

    [Fact]
    public void The_rankings_page_orders_units_by_the_index_with_each_groups_points_and_what_was_not_measured_and_why()
    {
        _auth.SetAuthorized("leader");
        _auth.SetRoles(Roles.City);
        var cut = RenderIn<RankingsPage>(WallText.Vi);
        cut.WaitForAssertion(() => Assert.Equal(126, cut.FindAll("[data-testid=ranking-row]").Count));

        Assert.Equal(["00229", "00004", FirstCommune], Codes(cut).Take(3));
        Assert.Equal(Enumerable.Range(1, 126), Ranks(cut));
        var first = cut.Find("[data-testid=ranking-row][data-code='00229']");
        Assert.Contains("Kim Liên", first.QuerySelector("[data-testid=ranking-name]")!.TextContent);
        Assert.Equal("Phường", first.Children[2].TextContent.Trim());
        // Kim Liên: 95 on time of 95 + 2 late → 19.59 of 20; 60 of 100 online → 13.2 of 22; 38 of 40 satisfied
        // → 17.1 of 18; digitisation never reported, publicity not measured: 49.89 of 60 → 83.1.
        Assert.Equal("19,6", first.QuerySelector("[data-testid=part-progress]")!.TextContent);
        Assert.Equal("13,2", first.QuerySelector("[data-testid=part-online]")!.TextContent);
        Assert.Equal("17,1", first.QuerySelector("[data-testid=part-satisfaction]")!.TextContent);
        Assert.Equal((20.0 * 95 / 97 + 13.2 + 17.1) / 60 * 100, 83.1, 1);
        Assert.Equal("83,1", first.QuerySelector("[data-testid=part-score]")!.TextContent);
        Assert.Equal("Tiến độ giải quyết: 95/97", first.QuerySelector("[data-testid=part-progress]")!.GetAttribute("title"));
        Assert.Equal("chưa đo (trung tâm không đo)", first.QuerySelector("[data-testid=part-publicity]")!.TextContent);
        Assert.Equal("chưa đo (hệ thống chưa báo số hóa)", first.QuerySelector("[data-testid=part-digitisation]")!.TextContent);
        // Units with nothing yet: every group "not measured" with its reason, never 0.
        var empty = cut.Find("[data-testid=ranking-row]:last-child");
        Assert.Equal("chưa đo (chưa có lượt đánh giá)", empty.QuerySelector("[data-testid=part-satisfaction]")!.TextContent);
        Assert.Equal("chưa đo", empty.QuerySelector("[data-testid=part-score]")!.TextContent);
        var head = cut.Find("[data-testid=rankings-table] thead").TextContent;
        foreach (var column in new[] { "Hạng", "Đơn vị", "Phường/xã", "Công khai, minh bạch /18", "Tiến độ giải quyết /20", "Trực tuyến /22", "Số hóa /22", "Hài lòng /18", "Chỉ số /100" })
            Assert.Contains(column, head);

        // Month to date, computed at 09:15 Hanoi time; the reports are one click away.
        Assert.Equal("Lũy kế từ đầu tháng: 01/11/2026 – 25/11/2026", cut.Find("[data-testid=rankings-period]").TextContent);
        Assert.Equal("Tính lúc 09:15 25/11/2026", cut.Find("[data-testid=rankings-computed-at]").TextContent);
        Assert.Equal("reports", cut.Find("[data-testid=reports-link]").GetAttribute("href"));
        Assert.Contains("Chưa có báo cáo thành phố", cut.Find("[data-testid=city-report-none]").TextContent);

        // Communes among communes: the commune that did well is first of 75.
        cut.Find("[data-testid=filter-commune]").Click();
        Assert.Equal(75, cut.FindAll("[data-testid=ranking-row]").Count);
        Assert.All(cut.FindAll("[data-testid=ranking-row]"), r => Assert.Equal("commune", r.GetAttribute("data-type")));
        Assert.Equal(FirstCommune, Codes(cut)[0]);
        Assert.Equal(Enumerable.Range(1, 75), Ranks(cut));
        cut.Find("[data-testid=filter-ward]").Click();
        Assert.Equal(51, cut.FindAll("[data-testid=ranking-row]").Count);
        Assert.Equal(["00229", "00004"], Codes(cut).Take(2));
        Assert.Equal(Enumerable.Range(1, 51), Ranks(cut));
        Assert.Contains("on", cut.Find("[data-testid=filter-ward]").ClassName);
    }

    [Fact]
    public async Task A_ward_chief_sees_only_their_own_row_and_place_and_a_city_user_the_city_report()
    {
        _auth.SetAuthorized("chief.kimlien");
        _auth.SetRoles(Roles.WardChief);
        _auth.SetClaims(new Claim(IocClaims.Ward, "00229"));
        await _reports.Write(Today.AddDays(-1), ReportStore.CityFile, "a,b\r\n");
        var cut = RenderIn<RankingsPage>(WallText.Vi);
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=ranking-row]")));
        Assert.Equal("00229", cut.Find("[data-testid=ranking-row]").GetAttribute("data-code"));
        Assert.Equal("Phường Kim Liên xếp thứ 1/126 đơn vị, thứ 1/51 phường.", cut.Find("[data-testid=own-rank]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=ranking-filter]"));
        Assert.Empty(cut.FindAll("[data-testid=city-report-link]"));
        Assert.DoesNotContain("Ba Đình", cut.Markup);

        // A city leader, in English: the newest city report is linked.
        _auth.SetAuthorized("leader");
        _auth.SetRoles(Roles.City);
        var city = RenderIn<RankingsPage>(WallText.En);
        city.WaitForAssertion(() => Assert.Equal(126, city.FindAll("[data-testid=ranking-row]").Count));
        var link = city.Find("[data-testid=city-report-link]");
        Assert.Equal($"/api/v1/reports/{Today.AddDays(-1):yyyy-MM-dd}/city.csv", link.GetAttribute("href"));
        Assert.Equal("Download the city report of 24/11/2026 (CSV)", link.TextContent);
        Assert.Equal("not measured (not measured by the center)", city.Find("[data-testid=part-publicity]").TextContent);
        Assert.Equal("83.1", city.Find("[data-testid=ranking-row] [data-testid=part-score]").TextContent);
    }

    [Fact]
    public void The_rankings_page_opens_on_the_tab_of_its_query()
    {
        _auth.SetAuthorized("admin");
        _auth.SetRoles(Roles.Admin);
        Services.GetRequiredService<NavigationManager>().NavigateTo("/rankings?type=commune");
        var cut = RenderIn<RankingsPage>(WallText.Vi);
        cut.WaitForAssertion(() => Assert.Equal(75, cut.FindAll("[data-testid=ranking-row]").Count));
        Assert.Equal("commune", cut.Find("[data-testid=rankings-table]").GetAttribute("data-filter"));
    }

    // ---- the ward's history chart -------------------------------------------------------------

    private static readonly TimeSpan Five = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset Midnight = HanoiTime.StartOf(Today);

    /// <summary>Today from 08:00 to <paramref name="now"/> and the same hours a week earlier, in 5-minute steps.</summary>
    private static WardHistoryComparison Comparison(DateTimeOffset now, bool lastWeek = true, string weekSource = HistoryEndpoints.InfluxSource, double late = 0)
    {
        IReadOnlyList<HistoryPoint> Steps(DateTimeOffset day, DateTimeOffset until, Func<int, double> value) =>
            [.. Enumerable.Range(0, 200).Select(i => day + TimeSpan.FromHours(8) + i * Five).Where(t => t < until)
                .Select((t, i) => new HistoryPoint(HanoiTime.ToLocal(t), value(i)))];
        var week = TimeSpan.FromDays(7);
        return new WardHistoryComparison("00229", HistoryQuery.Waiting, 300, HistoryEndpoints.InfluxSource,
            new ComparedSeries(Midnight, now, HistoryEndpoints.InfluxSource, Steps(Midnight, now, i => 2 + i + (i == 7 ? late : 0))),
            new ComparedSeries(Midnight - week, now - week, weekSource, lastWeek ? Steps(Midnight - week, now - week, i => 10 + i) : []));
    }

    private int Calls(string function) => _plotly.Invocations.Count(i => i.Identifier == function);

    [Fact]
    public async Task The_history_chart_draws_today_and_last_week_once_then_extends_both_with_finished_steps()
    {
        var now = Midnight + TimeSpan.FromHours(8) + TimeSpan.FromMinutes(32); // 08:32: six steps done, the seventh under way
        var late = 0.0;
        _history.Compare("00229", HistoryQuery.Waiting, Five, Arg.Any<CancellationToken>()).Returns(_ => Task.FromResult(Comparison(now, late: late)));

        var cut = RenderIn<WardHistoryChart>(WallText.Vi, p => p.Add(c => c.Code, "00229").Add(c => c.MaxPoints, 8).Add(c => c.RefreshInterval, TimeSpan.FromHours(1)));
        cut.WaitForAssertion(() => Assert.Equal(1, Calls("newPlot")));
        var chart = cut.Find("[data-testid=ward-history]");
        Assert.Equal("2", chart.GetAttribute("data-traces"));
        Assert.Equal("6", chart.GetAttribute("data-today-points"));
        Assert.Equal("6", chart.GetAttribute("data-lastweek-points"));
        Assert.Empty(cut.FindAll("[data-testid=history-note]"));

        // Both traces go to the plot; last week's is moved onto today's axis and named by its day.
        var data = cut.FindComponent<Plotly.Blazor.PlotlyChart>().Instance.Data;
        var today = Assert.IsType<Plotly.Blazor.Traces.Scatter>(data[0]);
        var week = Assert.IsType<Plotly.Blazor.Traces.Scatter>(data[1]);
        Assert.Equal("Hôm nay", today.Name);
        Assert.Equal("Thứ Tư tuần trước (18/11)", week.Name);
        Assert.Equal("2026-11-25 08:00:00", today.X[0]);
        Assert.Equal("2026-11-25 08:00:00", week.X[0]);
        Assert.Equal([2.0, 3, 4, 5, 6, 7], today.Y.Cast<double>());
        Assert.Equal([10.0, 11, 12, 13, 14, 15], week.Y.Cast<double>());

        // Five minutes on: the finished 08:30 step is appended to both, bounded to 8 points.
        now += TimeSpan.FromMinutes(5);
        await cut.Instance.Refresh();
        var extend = Assert.Single(_plotly.Invocations, i => i.Identifier == "extendTraces");
        Assert.Equal(8, extend.Arguments[^1]);
        Assert.Equal([0, 1], Assert.IsAssignableFrom<IEnumerable<int>>(extend.Arguments[3]));
        var xs = Assert.IsAssignableFrom<IEnumerable<IEnumerable<object>>>(extend.Arguments[1]).Select(x => x.ToList()).ToList();
        Assert.Equal([["2026-11-25 08:30:00"], ["2026-11-25 08:30:00"]], xs);
        cut.WaitForAssertion(() => Assert.Equal("7", cut.Find("[data-testid=ward-history]").GetAttribute("data-today-points")));

        // Nothing finished since: nothing sent. Ten minutes more (08:47): still one plot, at most 8 points kept.
        await cut.Instance.Refresh();
        Assert.Equal(1, Calls("extendTraces"));
        now += TimeSpan.FromMinutes(10);
        await cut.Instance.Refresh();
        Assert.Equal(2, Calls("extendTraces"));
        cut.WaitForAssertion(() => Assert.Equal("8", cut.Find("[data-testid=ward-history]").GetAttribute("data-today-points")));
        Assert.Equal(8, today.X.Count);
        Assert.Equal("2026-11-25 08:05:00", today.X[0]);             // 08:00–08:40 finished: the first of nine dropped
        Assert.Equal(1, Calls("newPlot"));
        Assert.Equal(0, Calls("react"));

        // A step already drawn changes (a late write to InfluxDB): the same plot is updated with react.
        late = 4;
        await cut.Instance.Refresh();
        Assert.Equal(1, Calls("react"));
        Assert.Equal(1, Calls("newPlot"));
        Assert.Equal(2 + 7 + 4.0, today.Y[6]);
    }

    [Fact]
    public void With_the_history_store_away_or_empty_last_week_the_chart_keeps_the_line_and_says_so()
    {
        var now = Midnight + TimeSpan.FromHours(9);
        var source = HistoryEndpoints.NoSource;
        _history.Compare("00229", HistoryQuery.Waiting, Five, Arg.Any<CancellationToken>())
            .Returns(_ => Task.FromResult(Comparison(now, lastWeek: false, weekSource: source)));
        var cut = RenderIn<WardHistoryChart>(WallText.Vi, p => p.Add(c => c.Code, "00229"));
        cut.WaitForAssertion(() => Assert.Equal("storeDown", cut.Find("[data-testid=history-note]").GetAttribute("data-reason")));
        Assert.Equal("2", cut.Find("[data-testid=ward-history]").GetAttribute("data-traces"));
        Assert.Equal("Kho số liệu lịch sử chưa trả lời: tạm thiếu số liệu tuần trước.", cut.Find("[data-testid=history-note]").TextContent);
        var english = RenderIn<WardHistoryChart>(WallText.En, p => p.Add(c => c.Code, "00229"));
        english.WaitForAssertion(() => Assert.Equal("The history store did not answer: last week's figures are missing for now.",
            english.Find("[data-testid=history-note]").TextContent));

        source = HistoryEndpoints.SqliteSource;
        var empty = RenderIn<WardHistoryChart>(WallText.Vi, p => p.Add(c => c.Code, "00229"));
        empty.WaitForAssertion(() => Assert.Equal("Không có số liệu cùng giờ tuần trước.", empty.Find("[data-testid=history-note]").TextContent));
    }
}
