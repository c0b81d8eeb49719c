using System.Net;
using System.Text.Json;
using Ioc.Grains;
using Ioc.Silo.Log;
using Ioc.Tests.Support;
using Ioc.Time;
using Microsoft.Extensions.DependencyInjection;
using Orleans;

namespace Ioc.Tests.Replay;

/// <summary>
/// A past day replayed through the real host: a scripted day posted over HTTP, then replayed at a chosen speed.
/// The replay's figures at the end of the day are those the test works out from the script, and the ward's
/// stored day; live figures, alerts and the log are the same before and after.
/// </summary>
public sealed class ReplayTests(ReplayDayHost host) : IClassFixture<ReplayDayHost>
{
    private static readonly string Day = ReplayDayHost.Day.ToString("yyyy-MM-dd");
    private static readonly DateTimeOffset DayStart = HanoiTime.StartOf(ReplayDayHost.Day);
    private static readonly DateTimeOffset DayEnd = HanoiTime.StartOf(ReplayDayHost.Day.AddDays(1));

    [Fact]
    public async Task A_replayed_day_at_its_speed_ends_with_that_days_figures_and_live_state_is_untouched()
    {
        var before = await LiveState();

        // Speed 60 from 08:00: two real minutes later the replay stands at 10:00.
        var started = await host.Send(HttpMethod.Post, "/api/v1/replays", await host.AdminToken(), new { day = Day, speed = 60, from = "08:00" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var run = (await JsonSerializer.DeserializeAsync<JsonElement>(await started.Content.ReadAsStreamAsync())).GetProperty("id").GetString()!;
        host.ReplayTime.Advance(TimeSpan.FromMinutes(2));
        var atTen = await host.Get($"/api/v1/replays/{run}");
        Assert.Equal(DayStart.AddHours(10), atTen.GetProperty("at").GetDateTimeOffset());
        Assert.True(atTen.GetProperty("replay").GetBoolean());
        foreach (var w in host.Wards)
        {
            var expected = ExpectedDay.Of(w.Events, DayStart.AddHours(10), DayEnd);
            var line = WardLine(atTen, w.Ward);
            Assert.Equal((expected.Issued, expected.Ratings, expected.Received),
                (Int(line, "ticketsIssued"), Int(line, "ratings"), Int(line.GetProperty("dossiers"), "received")));
        }

        // Fourteen more real minutes at ×60: midnight, the day's end.
        host.ReplayTime.Advance(TimeSpan.FromMinutes(14));
        var end = await host.Get($"/api/v1/replays/{run}");
        Assert.True(end.GetProperty("ended").GetBoolean());
        Assert.Equal(DayEnd, end.GetProperty("at").GetDateTimeOffset());
        foreach (var w in host.Wards)
        {
            var atMidnight = ExpectedDay.Of(w.Events, DayEnd, DayEnd);
            var line = WardLine(end, w.Ward);
            Assert.Equal(Day, line.GetProperty("day").GetString());
            Assert.Equal(atMidnight, FromSummary(line));
            // The ward page of the replay shows the same day.
            Assert.Equal(atMidnight, FromSummary(await host.Get($"/api/v1/replays/{run}/wards/{w.Ward}")));
        }

        // The day's figures: at midnight as above; with the late arrivals, the whole script and the ward's stored day.
        var figures = (await host.Get($"/api/v1/replay/{Day}/figures")).GetProperty("wards").EnumerateArray()
            .ToDictionary(f => f.GetProperty("code").GetString()!);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        foreach (var w in host.Wards)
        {
            var all = ExpectedDay.Of(w.Events, DateTimeOffset.MaxValue, DayEnd);
            Assert.NotEqual(ExpectedDay.Of(w.Events, DayEnd, DayEnd), all);
            Assert.Equal(ExpectedDay.Of(w.Events, DayEnd, DayEnd).Closed, FromDay(figures[w.Ward].GetProperty("atMidnight")));
            Assert.Equal(all.Closed, FromDay(figures[w.Ward].GetProperty("final")));
            var stored = (await grains.GetGrain<IWardGrain>(w.Ward).GetHistory()).Days.Single(d => d.Day == ReplayDayHost.Day);
            Assert.Equal(all.Closed, FromStored(stored));
        }

        // Who replayed which day is in the audit trail.
        var audit = await host.Get("/api/v1/admin/audit?action=replay-started");
        Assert.Contains(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("actor").GetString() == "admin" && e.GetProperty("subject").GetString() == Day);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Send(HttpMethod.Delete, $"/api/v1/replays/{run}", await host.AdminToken())).StatusCode);
        Assert.Equal(before, await LiveState());
    }

    [Fact]
    public async Task Only_city_leaders_and_admins_may_replay()
    {
        await host.CreateUser("rp-chief", "chief-password-123", "ward-chief", "00097");
        await host.CreateUser("rp-leader", "leader-password-123", "city");
        var chief = await host.TokenFor("rp-chief", "chief-password-123");
        var leader = await host.TokenFor("rp-leader", "leader-password-123");
        var device = await host.Provision("rp-robot-extra", "robot", "00097");
        foreach (var token in new[] { chief, device })
        {
            await ProblemAnswers.Problem(await host.Send(HttpMethod.Post, "/api/v1/replays", token, new { day = Day, speed = 60 }), HttpStatusCode.Forbidden);
            await ProblemAnswers.Problem(await host.Send(HttpMethod.Get, $"/api/v1/replay/{Day}/figures", token), HttpStatusCode.Forbidden);
            await ProblemAnswers.Problem(await host.Send(HttpMethod.Get, $"/api/v1/replay/{Day}/wards/00097", token), HttpStatusCode.Forbidden);
        }
        var r = await host.Send(HttpMethod.Post, "/api/v1/replays", leader, new { day = Day, speed = 360 });
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var id = (await JsonSerializer.DeserializeAsync<JsonElement>(await r.Content.ReadAsStreamAsync())).GetProperty("id").GetString()!;
        // A run is its starter's: another city-wide person does not see it.
        await ProblemAnswers.Problem(await host.Send(HttpMethod.Get, $"/api/v1/replays/{id}", await host.AdminToken()), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, $"/api/v1/replays/{id}", leader)).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_browser_starts_a_replay_only_from_this_sites_own_script()
    {
        using var browser = new Ioc.Tests.Accounts.Browserless(host);
        var cookie = await browser.Cookie("admin", CenterHost.AdminPassword);
        var body = new { day = Day, speed = 60 };
        await ProblemAnswers.Problem(await browser.Send(HttpMethod.Post, "/api/v1/replays", cookie, body: body,
            headers: new Dictionary<string, string> { ["Origin"] = "https://evil.example" }), HttpStatusCode.Forbidden);
        await ProblemAnswers.Problem(await browser.Send(HttpMethod.Post, "/api/v1/replays", cookie, body: body,
            headers: new Dictionary<string, string> { ["Origin"] = browser.Origin }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Created, (await browser.Send(HttpMethod.Post, "/api/v1/replays", cookie, body: body, headers: browser.SameSite)).StatusCode);
    }

    [Theory]
    [InlineData("not-a-day", "60", "day")]
    [InlineData("2026-11-31", "60", "day")]       // no such date
    [InlineData("2026-11-26", "60", "day")]       // today, still being written
    [InlineData("2026-11-28", "60", "day")]       // the future
    [InlineData("2026-10-01", "60", "day")]       // beyond the 35 days the logs keep
    [InlineData(null, "60", "day")]
    [InlineData("2026-11-25", "0", "speed")]
    [InlineData("2026-11-25", "3601", "speed")]
    [InlineData("2026-11-25", "fast", "speed")]
    public async Task Bad_input_is_a_400_naming_the_field_and_starts_nothing(string? day, string speed, string field)
    {
        object body = int.TryParse(speed, out var n) ? new { day, speed = n } : new { day, speed };
        var problem = await ProblemAnswers.Problem(await host.Send(HttpMethod.Post, "/api/v1/replays", await host.AdminToken(), body), HttpStatusCode.BadRequest);
        Assert.Contains((-1, field), ProblemAnswers.Errors(problem));
        if (day is not null)
        {
            var get = await host.Send(HttpMethod.Get, $"/api/v1/replay/{day}/figures", await host.AdminToken());
            if (field == "day") Assert.Contains((-1, "day"), ProblemAnswers.Errors(await ProblemAnswers.Problem(get, HttpStatusCode.BadRequest)));
        }
    }

    [Fact]
    public async Task A_start_time_out_of_the_day_is_a_400_naming_from()
    {
        var problem = await ProblemAnswers.Problem(await host.Send(HttpMethod.Post, "/api/v1/replays", await host.AdminToken(),
            new { day = Day, speed = 60, from = "25:00" }), HttpStatusCode.BadRequest);
        Assert.Equal([(-1, "from")], ProblemAnswers.Errors(problem));
    }

    /// <summary>What a live user sees of the two wards and their alerts, and how far their logs go.</summary>
    private async Task<string> LiveState()
    {
        var log = host.Services.GetRequiredService<IWardLog>();
        var parts = new List<string>();
        foreach (var w in host.Wards)
        {
            parts.Add((await host.Get($"/api/v1/wards/{w.Ward}")).GetRawText());
            parts.Add((await host.Get($"/api/v1/alerts?ward={w.Ward}")).GetRawText());
            parts.Add($"{w.Ward}: log to {await log.LastSeq(w.Ward)}");
        }
        return string.Join("\n", parts);
    }

    private static JsonElement WardLine(JsonElement frame, string ward) =>
        frame.GetProperty("wall").GetProperty("wards").EnumerateArray().Single(w => w.GetProperty("code").GetString() == ward);

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();

    private static ExpectedDay FromSummary(JsonElement w)
    {
        var d = w.GetProperty("dossiers");
        return new ExpectedDay(Int(w, "ticketsIssued"), Int(w, "ticketsCalled"), Int(w, "ticketsServed"), Int(w, "ticketsNoShow"), Int(w, "waiting"),
            Int(w, "waitsMeasured"), w.GetProperty("waitMillisSum").GetInt64(), w.GetProperty("waitMillisMax").GetInt64(),
            Int(w, "ratings"), Int(w, "ratingSum"), Int(d, "received"), Int(d, "resolvedOnTime"), Int(d, "resolvedLate"), Int(d, "inProgress"), Int(d, "overdue"));
    }

    /// <summary>A day summary has no "waiting" or open count: those are taken as the script says, the rest compared.</summary>
    private static ExpectedDay FromDay(JsonElement d) => new(Int(d, "ticketsIssued"), Int(d, "ticketsCalled"), Int(d, "ticketsServed"),
        Int(d, "ticketsNoShow"), -1, Int(d, "waitsMeasured"), d.GetProperty("waitMillisSum").GetInt64(), d.GetProperty("waitMillisMax").GetInt64(),
        Int(d, "ratings"), Int(d, "ratingSum"), Int(d, "dossiersReceived"), Int(d, "dossiersResolvedOnTime"), Int(d, "dossiersResolvedLate"), -1,
        Int(d, "overdueAtClose"));

    private static ExpectedDay FromStored(DaySummary d) => new(d.TicketsIssued, d.TicketsCalled, d.TicketsServed, d.TicketsNoShow, -1,
        d.WaitsMeasured, d.WaitMillisSum, d.WaitMillisMax, d.Ratings, d.RatingSum, d.DossiersReceived, d.DossiersResolvedOnTime,
        d.DossiersResolvedLate, -1, d.OverdueAtClose);
}
