using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Wall.Tests.Layouts;

/// <summary>The small services behind the pages: map geometry, words, sign-in landing, throttling.</summary>
public sealed class WallServicesTests
{
    [Fact]
    public void The_map_has_every_unit_and_an_inset_on_the_central_wards()
    {
        var shapes = WardShapes.For(WardDirectory.Load("hanoi"));
        Assert.Equal(126, shapes.All.Count);
        Assert.All(shapes.All, s => Assert.StartsWith("M", s.Path));
        Assert.Equal(51, shapes.All.Count(s => s.Type == "ward"));
        Assert.Contains("00070", shapes.Core);                 // Hoàn Kiếm
        Assert.DoesNotContain("09574", shapes.Core);           // Sơn Tây lies 40 km out
        Assert.True(shapes.Core.Count >= 45);
        Assert.All(shapes.Core, code => Assert.Contains(shapes.Inset, s => s.Code == code));
        Assert.True(shapes.InsetScale > 2, $"the inset zooms only {shapes.InsetScale:0.0}×");
        // Hà Nội is taller than wide once longitude is scaled by cos 21°.
        var box = shapes.ViewBox.Split(' ').Select(double.Parse).ToArray();
        Assert.True(box[3] > box[2]);
    }

    [Fact]
    public void Words_are_Vietnamese_by_default_and_English_on_request()
    {
        Assert.Same(WallText.Vi, WallText.For(null));
        Assert.Same(WallText.Vi, WallText.For("fr"));
        Assert.Same(WallText.En, WallText.For("EN"));
        Assert.Equal("Đang chờ", WallText.Vi["fig.waiting"]);
        Assert.Equal("Waiting now", WallText.En["fig.waiting"]);
        Assert.Equal("12 phút", WallText.Vi.Duration(12 * 60 + 10));
        Assert.Equal("1 giờ 05 phút", WallText.Vi.Duration(65 * 60));
        Assert.Equal("1 h 05 min", WallText.En.Duration(65 * 60));
        Assert.Equal("4,3/5", WallText.Vi.Score(4.3));
        Assert.Equal("4.3/5", WallText.En.Score(4.3));
        Assert.Equal("1.234", WallText.Vi.Count(1234));
        // Times are Hanoi's whatever the offset of the instant.
        Assert.Equal("09:05", WallText.Vi.Time(new DateTimeOffset(2026, 11, 25, 2, 5, 0, TimeSpan.Zero)));
        var alert = new Alert("00004-1", "00004", AlertKinds.RobotOffline, AlertSeverities.Warning,
            DateTimeOffset.UnixEpoch, AlertStates.Open, null, null, null, null, "c", "r-1", null, false);
        Assert.Equal("Robot r-1 mất kết nối", WallText.Vi.AlertTitle(alert));
        Assert.Equal("Robot r-1 offline", WallText.En.AlertTitle(alert));
        // Titles come from the kind and the facts: the grain holds no words.
        var overdue = alert with { Kind = AlertKinds.DossierOverdue, Subject = "HS-9", Detail = "Đăng ký khai sinh", DueAt = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero) };
        Assert.Equal("Hồ sơ HS-9 quá hạn (Đăng ký khai sinh), hạn 25/11 16:30", WallText.Vi.AlertTitle(overdue));
        Assert.Equal("Dossier HS-9 overdue (Đăng ký khai sinh), due 25/11 16:30", WallText.En.AlertTitle(overdue));
    }

    [Fact]
    public void Every_figure_kind_state_and_severity_has_words_in_both_languages()
    {
        foreach (var key in Figures.All.Keys) Assert.True(WallText.Has("fig." + key), key);
        foreach (var kind in AlertKinds.All) Assert.True(WallText.Has("kind." + kind), kind);
        foreach (var state in AlertStates.All) Assert.True(WallText.Has("state." + state), state);
        foreach (var sev in AlertSeverities.All) Assert.True(WallText.Has("severity." + sev), sev);
        foreach (var kind in DashboardLayoutReader.WallKinds.Concat(DashboardLayoutReader.WardKinds)) Assert.True(WallText.Has("panel." + kind), kind);
    }

    [Theory]
    [InlineData("ward-chief", "00229", null, "/wards/00229")]
    [InlineData("ward-chief", "00229", "/", "/wards/00229")]
    [InlineData("ward-chief", "00229", "/alerts", "/alerts")]
    [InlineData("city", null, null, "/")]
    [InlineData("admin", null, "/wards/00004", "/wards/00004")]
    [InlineData("admin", null, "https://evil.example/", "/")]
    [InlineData("admin", null, "//evil.example/", "/")]
    [InlineData("admin", null, "/\\evil.example/", "/")]
    [InlineData("admin", null, "/login?error=1", "/")]
    public void Sign_in_lands_on_the_asked_page_or_by_role_and_never_off_site(string role, string? ward, string? returnUrl, string expected) =>
        Assert.Equal(expected, AccountEndpoints.LandingFor(role, ward, returnUrl));

    [Fact]
    public async Task A_burst_of_pushes_renders_at_most_four_times_a_second()
    {
        var renders = 0;
        using var throttle = new RenderThrottle(() => { Interlocked.Increment(ref renders); return Task.CompletedTask; });
        var until = DateTime.UtcNow.AddMilliseconds(1000);
        while (DateTime.UtcNow < until)
        {
            throttle.Request();
            await Task.Delay(5);
        }
        await Task.Delay(400);
        Assert.InRange(renders, 3, 6);
    }

    [Fact]
    public void A_feed_frame_renders_at_once_even_right_after_another_render()
    {
        var renders = 0;
        using var throttle = new RenderThrottle(() => { renders++; return Task.CompletedTask; }, TimeSpan.FromMinutes(10));
        throttle.Request();   // an alert: renders, and starts the interval
        throttle.Request();   // another: waits for the interval's end
        Assert.Equal(1, renders);
        throttle.Now();       // a frame: on screen now, not ten minutes later
        Assert.Equal(2, renders);
    }

    [Fact]
    public void Figures_read_the_same_numbers_for_a_ward_and_for_the_city()
    {
        var w = new WardSummary
        {
            Code = "00004", Name = "Ba Đình", Type = "ward", Status = "ok", Day = "2026-11-25",
            Waiting = 12, WaitsMeasured = 10, WaitMillisSum = 6_000_000, WaitsOverTarget = 3, RobotsOnline = 1, RobotsTotal = 2,
            Dossiers = new DossierCounts(5, 3, 1, 8, 2, 4, 2), Ratings = 4, RatingSum = 17,
        };
        var f = FigureInputs.Of(w);
        Assert.Equal("12", Figures.Get("waiting").Text(f, WallText.Vi));
        Assert.Equal("10 phút", Figures.Get("avgWait").Text(f, WallText.Vi));
        Assert.Equal("30%", Figures.Get("overTarget").Text(f, WallText.Vi));
        Assert.Equal("1/2", Figures.Get("robots").Text(f, WallText.Vi));
        Assert.Equal(0.5, Figures.Get("robots").Value(f));
        var city = FigureInputs.Of(CityTotals.From([w, w with { Code = "00008", Waiting = 3 }]));
        Assert.Equal(15, Figures.Get("waiting").Value(city));
        Assert.Equal(4, Figures.Get("overdue").Value(city));
    }
}
