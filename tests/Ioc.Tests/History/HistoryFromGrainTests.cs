using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Dashboard.History;
using Ioc.Tests.Support;
using Ioc.Time;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.History;

/// <summary>The embedded default (no InfluxDB): history from the data folder, its last 24 hours the ward grain's own minute samples.</summary>
public sealed class HistoryFromGrainTests(CenterHost host) : IClassFixture<CenterHost>
{
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(CenterHost.Rfc3339(t));

    private static List<(DateTimeOffset At, double Value)> Points(JsonElement series) =>
        [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("at").GetDateTimeOffset(), p.GetProperty("value").GetDouble()))];

    private static async Task<List<string>> ProblemFields(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var problem = await r.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.All(errors, e => Assert.Equal(-1, e.GetProperty("index").GetInt32()));
        return [.. errors.Select(e => e.GetProperty("field").GetString()!)];
    }

    [Fact]
    public async Task Without_influxdb_todays_history_is_the_mean_per_bucket_of_the_ward_grains_minute_samples()
    {
        const string ward = "00070";
        var key = await host.Provision("hist-kiosk", "kiosk", ward);
        // Start on the next 5-minute boundary so the two 5m buckets hold minutes 0-4 and 5-9.
        var t0 = HistoryQuery.BucketStart(host.Now, FiveMinutes) + FiveMinutes;

        // What the ward gets in each minute. A minute's sample is taken at the ward's first look in that
        // minute (here the GET before the events), so it holds the state left by the minutes before.
        for (var minute = 0; minute < 10; minute++)
        {
            host.Time.SetUtcNow(t0 + TimeSpan.FromMinutes(minute) + TimeSpan.FromSeconds(10));
            await host.Get($"/api/v1/wards/{ward}");
            var now = host.Now;
            async Task Issue(params string[] tickets)
            {
                var r = await host.PostTelemetry(key, [.. tickets.Select(t => Issued("hist-kiosk", ward, now, t, "ho-tich", "kiosk"))]);
                Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            }
            async Task Call(string ticket)
            {
                var r = await host.PostTelemetry(key, Ticket("ticket.called", "hist-kiosk", ward, now, ticket, "Q1"));
                Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
            }
            switch (minute)
            {
                case 0: await Issue("A1", "A2"); break;          // waiting 2
                case 1: await Issue("A3"); break;                // waiting 3
                case 2: await Call("A1"); break;                 // waiting 2, waits 120 s
                case 4: await Issue("A4", "A5", "A6"); break;    // waiting 5
                case 5: await Call("A2"); break;                 // waiting 4, waits 120, 300 s
                case 7: await Issue("A7"); break;                // waiting 5
                case 8: await Call("A3"); break;                 // waiting 4, waits 120, 300, 420 s
            }
        }

        // Samples, minute 0 to 9: waiting 0 2 3 2 2 | 5 4 4 5 4; avgWait - - - 120 120 | 120 210 210 210 280.
        var range = $"from={Q(t0)}&to={Q(t0 + TimeSpan.FromMinutes(10))}";
        var waiting = await host.Get($"/api/v1/wards/{ward}/history?metric=waiting&{range}&step=5m");
        Assert.Equal("sqlite", waiting.GetProperty("source").GetString());
        Assert.Equal(ward, waiting.GetProperty("ward").GetString());
        Assert.Equal("waiting", waiting.GetProperty("metric").GetString());
        Assert.Equal(300, waiting.GetProperty("step").GetInt64());
        Assert.Equal(CenterHost.Rfc3339(t0)[..19] + "+07:00", waiting.GetProperty("from").GetString());
        Assert.EndsWith("+07:00", waiting.GetProperty("points")[0].GetProperty("at").GetString());
        Assert.Equal([(t0, (0 + 2 + 3 + 2 + 2) / 5.0), (t0 + FiveMinutes, (5 + 4 + 4 + 5 + 4) / 5.0)], Points(waiting));

        var avgWait = await host.Get($"/api/v1/wards/{ward}/history?metric=avgWait&{range}&step=300");
        Assert.Equal([(t0, 120.0), (t0 + FiveMinutes, (120 + 210 + 210 + 210 + 280) / 5.0)], Points(avgWait));

        var perMinute = await host.Get($"/api/v1/wards/{ward}/history?metric=waiting&{range}&step=1m");
        Assert.Equal([0, 2, 3, 2, 2, 5, 4, 4, 5, 4], Points(perMinute).Select(p => p.Value));
        Assert.Equal(Enumerable.Range(0, 10).Select(m => t0 + TimeSpan.FromMinutes(m)), Points(perMinute).Select(p => p.At));

        // Defaults: from the start of today in Hanoi to now (business clock), step 5m.
        var today = await host.Get($"/api/v1/wards/{ward}/history?metric=waiting");
        Assert.Equal(HanoiTime.StartOf(HanoiTime.DayOf(host.Now)), today.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(host.Now, today.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(300, today.GetProperty("step").GetInt64());
        Assert.Contains((t0 + FiveMinutes, 4.4), Points(today));

        // Nothing was recorded days ago in this fresh center: an older range has no points.
        var old = await host.Get($"/api/v1/wards/{ward}/history?metric=waiting&from={Q(host.Now.AddDays(-3))}&to={Q(host.Now.AddDays(-2))}&step=1h");
        Assert.Empty(Points(old));

        // Last week comes from the same store: nothing was recorded then in this fresh center.
        var compare = await host.Get($"/api/v1/wards/{ward}/history/compare?metric=waiting&step=5m");
        Assert.Equal("sqlite", compare.GetProperty("source").GetString());
        Assert.Equal("sqlite", compare.GetProperty("today").GetProperty("source").GetString());
        Assert.Contains((t0 + FiveMinutes, 4.4), Points(compare.GetProperty("today")));
        Assert.Equal("sqlite", compare.GetProperty("lastWeek").GetProperty("source").GetString());
        Assert.Empty(Points(compare.GetProperty("lastWeek")));
        Assert.Equal(compare.GetProperty("today").GetProperty("from").GetDateTimeOffset().AddDays(-7),
            compare.GetProperty("lastWeek").GetProperty("from").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("", "metric")]
    [InlineData("metric=queue", "metric")]
    [InlineData("metric=waiting&step=30s", "step")]
    [InlineData("metric=waiting&step=59", "step")]
    [InlineData("metric=waiting&step=5min", "step")]
    [InlineData("metric=waiting&from=yesterday", "from")]
    [InlineData("metric=waiting&from=2026-11-25T08:00:00", "from")]
    [InlineData("metric=waiting&to=2026-11-25", "to")]
    [InlineData("metric=waiting&from=2026-11-25T10:00:00%2B07:00&to=2026-11-25T09:00:00%2B07:00", "to")]
    [InlineData("metric=waiting&from=2026-11-22T00:00:00Z&to=2026-11-25T00:00:00Z&step=1m", "step")]
    public async Task Bad_query_values_get_400_naming_the_field(string query, string field)
    {
        var r = await host.Send(HttpMethod.Get, $"/api/v1/wards/00004/history?{query}", await host.AdminToken());
        Assert.Equal([field], await ProblemFields(r));
    }

    [Fact]
    public async Task At_most_2000_points_per_answer_and_every_bad_field_is_named_at_once()
    {
        var from = new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);
        var ok = await host.Send(HttpMethod.Get, $"/api/v1/wards/00004/history?metric=waiting&from={Q(from)}&to={Q(from.AddMinutes(2000))}&step=1m", await host.AdminToken());
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var tooMany = await host.Send(HttpMethod.Get, $"/api/v1/wards/00004/history?metric=waiting&from={Q(from)}&to={Q(from.AddMinutes(2001))}&step=60", await host.AdminToken());
        Assert.Equal(["step"], await ProblemFields(tooMany));

        var all = await host.Send(HttpMethod.Get, "/api/v1/wards/00004/history?metric=x&step=0&from=now", await host.AdminToken());
        Assert.Equal(["metric", "step", "from"], await ProblemFields(all));
        var compare = await host.Send(HttpMethod.Get, "/api/v1/wards/00004/history/compare?step=1", await host.AdminToken());
        Assert.Equal(["metric", "step"], await ProblemFields(compare));
    }

    [Fact]
    public async Task A_ward_chief_reads_only_their_wards_history_unknown_wards_are_404_and_the_store_status_is_for_admins()
    {
        await host.CreateUser("chief.history", "chief-password-h", "ward-chief", "00008");
        var chief = await host.TokenFor("chief.history", "chief-password-h");

        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards/00008/history?metric=waiting", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/api/v1/wards/00008/history/compare?metric=avgWait", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/wards/00004/history?metric=waiting", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/wards/00004/history/compare?metric=waiting", chief)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Send(HttpMethod.Get, "/api/v1/wards/99999/history?metric=waiting", await host.AdminToken())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Send(HttpMethod.Get, "/api/v1/wards/00008/history?metric=waiting", token: null)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Send(HttpMethod.Get, "/api/v1/admin/history", chief)).StatusCode);
        var status = await host.Get("/api/v1/admin/history");
        Assert.Equal("""{"configured":false}""", status.GetRawText());
    }
}
