using System.Net;
using System.Text;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Ioc.Dashboard.Jobs;
using Ioc.Grains;
using Ioc.Tests.Support;
using Ioc.Wards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Jobs;

public sealed class JobsHost : CenterHost
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Ioc:Jobs:Enabled", "true"), new("Ioc:Jobs:EscalateAfterMinutes", "7")];
}

/// <summary>The scheduled work, with Hangfire's in-memory storage.</summary>
public sealed class JobTests(JobsHost host) : IClassFixture<JobsHost>
{
    [Fact]
    public void Every_job_is_scheduled_on_Hanoi_time()
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => (j.Cron, j.TimeZoneId));
        Assert.Equal("*/15 * * * *", jobs["service-index"].Cron);
        Assert.Equal("* * * * *", jobs["escalation"].Cron);
        Assert.Equal("* * * * *", jobs["overdue-sweep"].Cron);
        Assert.Equal("0 0 * * *", jobs["day-close"].Cron);
        Assert.Equal("30 17 * * *", jobs["daily-report"].Cron);
        Assert.All(jobs.Values, j => Assert.Equal(Time.HanoiTime.Zone.Id, j.TimeZoneId));
    }

    [Fact]
    public async Task Escalation_asks_every_ward_with_the_configured_delay()
    {
        var grains = Substitute.For<IGrainFactory>();
        var ward = Substitute.For<IWardGrain>();
        ward.EscalateUnacknowledged(Arg.Any<TimeSpan>()).Returns(1);
        grains.GetGrain<IWardGrain>(Arg.Any<string>(), Arg.Any<string?>()).Returns(ward);
        var job = new EscalationJob(grains, WardDirectory.Load("hanoi"), Options.Create(new JobOptions { EscalateAfterMinutes = 7 }), NullLogger<EscalationJob>.Instance);

        Assert.Equal(126, await job.Run());
        await ward.Received(126).EscalateUnacknowledged(TimeSpan.FromMinutes(7));
    }

    [Fact]
    public async Task The_escalation_job_escalates_a_critical_alert_left_unacknowledged_but_not_an_acknowledged_one()
    {
        var dvc = await host.Provision("job-dvc", "dossier-system", "", ["00166", "00175"]);
        await host.PostTelemetry(dvc,
            Received("job-dvc", "00166", host.Now, "HS-ESC", host.Now),
            Received("job-dvc", "00175", host.Now, "HS-ACK", host.Now));
        host.Time.Advance(TimeSpan.FromSeconds(1));
        var acked = (await host.Get("/api/v1/alerts?ward=00175")).EnumerateArray()
            .Single(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString();
        await host.Send(HttpMethod.Post, $"/api/v1/alerts/{acked}/acknowledge", await host.AdminToken());
        host.Time.Advance(TimeSpan.FromMinutes(7));

        await host.Services.GetRequiredService<EscalationJob>().Run();
        var escalated = (await host.Get("/api/v1/alerts?state=escalated")).EnumerateArray().ToList();
        var only = Assert.Single(escalated);
        Assert.Equal(("00166", "dossier-overdue"), (only.GetProperty("ward").GetString(), only.GetProperty("kind").GetString()));
    }

    [Fact]
    public void Ranking_orders_by_score_and_ranks_wards_and_communes_separately()
    {
        var day = new DateOnly(2025, 9, 23);
        DaySummary P(int received, int online, int onTime, int ratings, int good) =>
            new() { Day = day, DossiersReceived = received, DossiersReceivedOnline = online, DossiersResolvedOnTime = onTime, Ratings = ratings, RatingsGood = good };
        var units = new[]
        {
            (WardDirectory.Load("hanoi").Get("00097"), P(100, 30, 90, 10, 7)),  // Hồng Hà (ward)
            (WardDirectory.Load("hanoi").Get("00004"), P(100, 60, 99, 10, 10)), // Ba Đình (ward)
            (WardDirectory.Load("hanoi").All.First(w => w.Type == "commune"), P(100, 60, 98, 10, 9)),
        };
        var r = ServiceIndexJob.Rank(day, new DateOnly(2025, 9, 1), DateTimeOffset.UnixEpoch, units);
        Assert.Equal(["00004", units[2].Item1.Code, "00097"], r.Entries.Select(e => e.Code));
        Assert.Equal([1, 2, 3], r.Entries.Select(e => e.Rank));
        Assert.Equal([1, 1, 2], r.Entries.Select(e => e.RankInType));
    }

    [Fact]
    public async Task Rankings_cover_126_units_and_a_ward_chief_sees_only_their_own_place()
    {
        var all = await host.Get("/api/v1/rankings");
        var entries = all.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(126, entries.Count);
        Assert.Equal(Enumerable.Range(1, 126), entries.Select(e => e.GetProperty("rank").GetInt32()));
        Assert.Equal(51, entries.Count(e => e.GetProperty("type").GetString() == "ward"));
        // A unit with nothing received or rated (no test of this class writes Ứng Hoà): every group is "not measured", never 0.
        var groups = entries.Single(e => e.GetProperty("code").GetString() == "10402").GetProperty("score").GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(["publicity", "progress", "online", "digitisation", "satisfaction"], groups.Select(g => g.GetProperty("group").GetString()));
        Assert.Equal("not-measured-by-center", groups[0].GetProperty("notMeasured").GetString());
        Assert.All(groups, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("points").ValueKind));

        await host.CreateUser("chief.rank", "chief-password-3", "ward-chief", "00190");
        var mine = await host.Get("/api/v1/rankings", await host.TokenFor("chief.rank", "chief-password-3"));
        Assert.Equal("00190", mine.GetProperty("entries").EnumerateArray().Single().GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_daily_report_is_a_csv_with_vietnamese_headers_per_ward_and_for_the_city()
    {
        var kiosk = await host.Provision("job-kiosk", "kiosk", "00199");
        await host.PostTelemetry(kiosk, Issued("job-kiosk", "00199", host.Now, "R001", "ho-tich", "kiosk"), Rating("job-kiosk", "00199", host.Now, 5));
        var day = await host.Services.GetRequiredService<DailyReportJob>().Run();

        var admin = await host.AdminToken();
        var r = await host.Send(HttpMethod.Get, $"/api/v1/reports/{day:yyyy-MM-dd}/00199.csv", admin);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var csv = Encoding.UTF8.GetString(await r.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("Mã đơn vị,Tên đơn vị,Loại,Ngày,Hồ sơ tiếp nhận", csv[0]);
        var cells = csv[1].Split(',');
        Assert.Equal(("00199", "Láng", "Phường"), (cells[0], cells[1], cells[2]));
        Assert.Equal("1", cells[Array.IndexOf(DailyReportJob.Headers, "Số phiếu đã cấp")]);
        Assert.Equal("5", cells[Array.IndexOf(DailyReportJob.Headers, "Điểm hài lòng trung bình")]);

        var city = await host.Send(HttpMethod.Get, $"/api/v1/reports/{day:yyyy-MM-dd}/city.csv", admin);
        var lines = (await city.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 126 + 1, lines.Length);

        await host.CreateUser("chief.report", "chief-password-4", "ward-chief", "00004");
        var chief = await host.TokenFor("chief.report", "chief-password-4");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, $"/api/v1/reports/{day:yyyy-MM-dd}/00199.csv", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, $"/api/v1/reports/{day:yyyy-MM-dd}/city.csv", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, $"/api/v1/reports/{day:yyyy-MM-dd}/00004.csv", chief)).StatusCode);
    }

    [Fact]
    public async Task The_jobs_console_is_for_admins_only()
    {
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/jobs", await host.AdminToken())).StatusCode);
        await host.CreateUser("leader.jobs", "leader-password-5", "city");
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/jobs", await host.TokenFor("leader.jobs", "leader-password-5"))).StatusCode);
    }
}
