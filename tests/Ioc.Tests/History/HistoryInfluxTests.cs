using System.Net;
using System.Text.Json;
using Ioc.History;
using Ioc.Tests.Support;
using Ioc.Time;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.History;

/// <summary>
/// The center with InfluxDB: its own influxd on free ports, a short flush interval and the recorder every 200 ms.
/// The raw 30-day retention is left off: the fake business clock is a fixed day, and InfluxDB would drop its
/// points as too old once that day is more than 30 days in the past.
/// </summary>
public sealed class InfluxCenter : CenterHost, IAsyncDisposable
{
    public Influxd Influx { get; private set; } = null!;

    public string Database { get; } = "ioc_tests_" + Guid.NewGuid().ToString("N")[..8];

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Ioc:Influx:Url", Influx.Url),
        new("Ioc:Influx:Database", Database),
        new("Ioc:Influx:FlushInterval", "00:00:00.100"),
        new("Ioc:Influx:EnsureRetention", "false"),
        new("Ioc:History:RecordEvery", "00:00:00.200"),
    ];

    public InfluxWriter Writer => Services.GetRequiredService<InfluxWriter>();

    public InfluxReader Reader => Services.GetRequiredService<InfluxReader>();

    public override async ValueTask InitializeAsync()
    {
        Influx = await Influxd.StartAsync();
        await base.InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
            try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
        }
        finally
        {
            if (Influx is not null) await Influx.DisposeAsync();
        }
    }

    /// <summary>Every row of every series of a query, column name → value (times as epoch ms).</summary>
    public async Task<List<Dictionary<string, object?>>> Rows(string influxQl)
    {
        var series = await Reader.QueryAsync(influxQl);
        return [.. series.SelectMany(s => s.Values.Select(row =>
            s.Columns.Select((column, i) => (column, value: row[i])).ToDictionary(c => c.column, c => c.value)))];
    }
}

public sealed class HistoryInfluxTests(InfluxCenter host) : IClassFixture<InfluxCenter>
{
    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(CenterHost.Rfc3339(t));

    private static List<(DateTimeOffset At, double Value)> Points(JsonElement series) =>
        [.. series.GetProperty("points").EnumerateArray().Select(p => (p.GetProperty("at").GetDateTimeOffset(), p.GetProperty("value").GetDouble()))];

    private static async Task<T> Until<T>(Func<Task<T?>> probe, string what) where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } value) return value;
            await Task.Delay(100);
        }
        throw new TimeoutException($"no {what} within 20 s");
    }

    private DateTimeOffset StartOfToday => HanoiTime.StartOf(HanoiTime.DayOf(host.Now));

    private static Point WardPoint(string ward, DateTimeOffset at, int waiting, double? avgWait = null)
    {
        var p = new Point("ward").Tag("ward", ward).Tag("type", "ward").Field("waiting", waiting).At(at);
        if (avgWait is { } a) p.Field("avgWait", a);
        return p;
    }

    [Fact]
    public async Task The_recorder_writes_every_ward_and_robot_and_every_accepted_business_event_becomes_a_point()
    {
        const string ward = "00025";
        var kiosk = await host.Provision("inf-kiosk", "kiosk", ward);
        var robot = await host.Provision("inf-robot", "robot", ward);
        var issuedAt = host.Now.AddMinutes(-2);
        var calledAt = host.Now;
        // Two tickets of one service and channel in the same millisecond: both must survive as points.
        var batch = new[]
        {
            Issued("inf-kiosk", ward, issuedAt, "H1", "ho-tich", "kiosk"),
            Issued("inf-kiosk", ward, issuedAt, "H2", "ho-tich", "kiosk"),
            Ticket("ticket.called", "inf-kiosk", ward, calledAt, "H1", "Q1"),
            Rating("inf-kiosk", ward, calledAt, 4),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(kiosk, batch)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(robot, RobotState("inf-robot", ward, host.Now, x: 3, battery: 80, mode: "guiding"))).StatusCode);
        host.Time.Advance(TimeSpan.FromSeconds(1)); // lets the ward's throttled update reach the city feed

        // Ward points: one per ward every tick, stamped with the business clock.
        var latest = await Until(async () =>
        {
            var rows = await host.Rows($"""SELECT "waiting", "avgWait", "type" FROM "ward" WHERE "ward" = '{ward}' ORDER BY time DESC LIMIT 1""");
            return rows.Count == 1 && InfluxSeries.AsDouble(rows[0]["waiting"]) == 1 ? rows[0] : null;
        }, "ward point with the waiting ticket");
        Assert.Equal(120, InfluxSeries.AsDouble(latest["avgWait"]));
        Assert.Equal("ward", latest["type"]);
        Assert.InRange(InfluxSeries.AsTime(latest["time"]), calledAt, host.Now);
        var wards = await host.Rows("""SHOW TAG VALUES FROM "ward" WITH KEY = "ward" """);
        Assert.Equal(126, wards.Count);
        var types = await host.Rows("""SHOW TAG VALUES FROM "ward" WITH KEY = "type" """);
        Assert.Equal(["commune", "ward"], types.Select(t => (string)t["value"]!).Order());

        var robotRow = await Until(async () =>
            (await host.Rows("""SELECT "x", "y", "battery", "mode", "ward" FROM "robot" WHERE "robot" = 'inf-robot' ORDER BY time DESC LIMIT 1""")).FirstOrDefault(),
            "robot point");
        Assert.Equal([3.0, 4.0, 80.0], new[] { "x", "y", "battery" }.Select(f => InfluxSeries.AsDouble(robotRow[f])!.Value));
        Assert.Equal(["guiding", ward], new[] { "mode", "ward" }.Select(f => (string?)robotRow[f]));

        // Event points, shipped from the ward's log: time = the event's ts, tags ward/type/service/channel,
        // fields id/ticket/counter/score. Two of one series in one millisecond are two points.
        var events = await Until(async () =>
        {
            var rows = await host.Rows($"""SELECT * FROM "event" WHERE "ward" = '{ward}'""");
            return rows.Count >= 4 ? rows : null;
        }, "four event points");
        Assert.Equal(4, events.Count);
        var byId = events.ToDictionary(e => (string)e["id"]!);
        var ids = batch.Select(e => e["id"]!.GetValue<string>()).ToArray();
        var issuedMs = issuedAt.ToUnixTimeMilliseconds();
        Assert.Equal([issuedMs, issuedMs], new[] { byId[ids[0]], byId[ids[1]] }.Select(e => (long)e["time"]!));
        foreach (var (id, ticket) in new[] { (ids[0], "H1"), (ids[1], "H2") })
        {
            Assert.Equal(("ticket.issued", "ho-tich", "kiosk", ticket, null),
                ((string?)byId[id]["type"], (string?)byId[id]["service"], (string?)byId[id]["channel"], (string?)byId[id]["ticket"], byId[id]["counter"]));
        }
        var called = byId[ids[2]];
        Assert.Equal(("ticket.called", "H1", "Q1", null, calledAt.ToUnixTimeMilliseconds()),
            ((string?)called["type"], (string?)called["ticket"], (string?)called["counter"], called["service"], (long)called["time"]!));
        var rating = byId[ids[3]];
        Assert.Equal(("rating.submitted", (long?)4), ((string?)rating["type"], (long?)rating["score"]));

        // A batch sent again adds nothing: once the next new event is in, there are five points, not nine.
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(kiosk, batch)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await host.PostTelemetry(kiosk, Rating("inf-kiosk", ward, host.Now, 5))).StatusCode);
        var after = await Until(async () =>
        {
            var rows = await host.Rows($"""SELECT * FROM "event" WHERE "ward" = '{ward}'""");
            return rows.Count >= 5 ? rows : null;
        }, "the fifth event point");
        Assert.Equal(5, after.Count);

        var status = await host.Get("/api/v1/admin/history");
        Assert.True(status.GetProperty("configured").GetBoolean());
        Assert.Equal(host.Database, status.GetProperty("database").GetString());
        var writer = status.GetProperty("writer");
        Assert.True(writer.GetProperty("connected").GetBoolean());
        Assert.True(writer.GetProperty("writtenPoints").GetInt64() > 126);
        Assert.Equal(JsonValueKind.Null, writer.GetProperty("lastError").ValueKind);
    }

    [Fact]
    public async Task With_influxdb_the_history_endpoint_answers_the_means_of_the_stored_points()
    {
        const string ward = "00008";
        var six = StartOfToday + TimeSpan.FromHours(6);
        host.Writer.Write(
        [
            WardPoint(ward, six, 4, 30),
            WardPoint(ward, six.AddMinutes(2), 6, 60),
            WardPoint(ward, six.AddMinutes(5).AddSeconds(30), 10),
            WardPoint(ward, six.AddMinutes(11), 1, 15),
            WardPoint("00004", six.AddMinutes(1), 100, 1000), // another ward: not part of the answer
        ]);
        await host.Writer.FlushAsync(TestContext.Current.CancellationToken);

        var range = $"from={Q(six)}&to={Q(six.AddHours(1))}";
        var waiting = await host.Get($"/api/v1/wards/{ward}/history?metric=waiting&{range}&step=5m");
        Assert.Equal("influxdb", waiting.GetProperty("source").GetString());
        Assert.Equal(300, waiting.GetProperty("step").GetInt64());
        Assert.EndsWith("T06:00:00+07:00", waiting.GetProperty("points")[0].GetProperty("at").GetString());
        Assert.Equal([(six, 5.0), (six.AddMinutes(5), 10.0), (six.AddMinutes(10), 1.0)], Points(waiting));

        var avgWait = await host.Get($"/api/v1/wards/{ward}/history?metric=avgWait&{range}&step=5m");
        Assert.Equal([(six, 45.0), (six.AddMinutes(10), 15.0)], Points(avgWait));

        var tenMinutes = Points(await host.Get($"/api/v1/wards/{ward}/history?metric=waiting&{range}&step=600"));
        Assert.Equal([six, six.AddMinutes(10)], tenMinutes.Select(p => p.At));
        Assert.Equal(20 / 3.0, tenMinutes[0].Value, 9);
        Assert.Equal(1.0, tenMinutes[1].Value);
    }

    [Fact]
    public async Task With_influxdb_compare_returns_today_so_far_and_the_same_hours_a_week_earlier()
    {
        const string ward = "00004";
        var today = StartOfToday;
        var lastWeek = today.AddDays(-7);
        host.Writer.Write(
        [
            WardPoint(ward, today.AddHours(1), 7),
            WardPoint(ward, lastWeek.AddHours(1), 3),
            WardPoint(ward, lastWeek.AddHours(1).AddMinutes(5), 5),
            WardPoint(ward, host.Now.AddDays(-7).AddHours(1), 99), // later in that day than "now": not compared
        ]);
        await host.Writer.FlushAsync(TestContext.Current.CancellationToken);

        var compare = await host.Get($"/api/v1/wards/{ward}/history/compare?metric=waiting&step=5m");
        Assert.Equal("influxdb", compare.GetProperty("source").GetString());
        Assert.Equal(300, compare.GetProperty("step").GetInt64());
        var todaySeries = compare.GetProperty("today");
        Assert.Equal(today, todaySeries.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(host.Now, todaySeries.GetProperty("to").GetDateTimeOffset());
        Assert.Equal((today.AddHours(1), 7.0), Points(todaySeries)[0]);

        var weekSeries = compare.GetProperty("lastWeek");
        Assert.Equal("influxdb", weekSeries.GetProperty("source").GetString());
        Assert.Equal(lastWeek, weekSeries.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(host.Now.AddDays(-7), weekSeries.GetProperty("to").GetDateTimeOffset());
        Assert.Equal([(lastWeek.AddHours(1), 3.0), (lastWeek.AddHours(1).AddMinutes(5), 5.0)], Points(weekSeries));
    }
}
