using System.Net;
using System.Text.Json;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// A morning at Hồng Hà ward played through the real HTTP API of the embedded center; the read
/// API must show what one works out by hand.
/// </summary>
public sealed class ScriptedDayTests(CenterHost host) : IClassFixture<CenterHost>
{
    private const string Ward = "00097"; // Hồng Hà

    private void At(int hour, int minute) =>
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, hour, minute, 0, Time.HanoiTime.Offset));

    private async Task Post(string key, params System.Text.Json.Nodes.JsonObject[] events)
    {
        var r = await host.PostTelemetry(key, events);
        Assert.True(r.StatusCode == HttpStatusCode.Accepted, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_read_api_matches_a_morning_worked_out_by_hand()
    {
        var desk1 = await host.Provision("hh-desk-1", "counter", Ward);
        var desk2 = await host.Provision("hh-desk-2", "counter", Ward);
        var robot = await host.Provision("hh-robot-1", "robot", Ward);
        var dvc = await host.Provision("hh-dvc", "dossier-system", Ward);
        var T = (int h, int m) => new DateTimeOffset(2026, 11, 25, h, m, 0, Time.HanoiTime.Offset);

        At(9, 0);
        await Post(desk1, CounterState("hh-desk-1", Ward, T(9, 0), "1", "open", "ho-tich", "chung-thuc"));
        await Post(desk2, CounterState("hh-desk-2", Ward, T(9, 0), "2", "open", "ho-tich"));
        await Post(robot, RobotState("hh-robot-1", Ward, T(9, 0), x: 4), Issued("hh-robot-1", Ward, T(9, 0), "A001", "ho-tich"));
        await Post(dvc,
            Received("hh-dvc", Ward, T(9, 0), "HS-1", T(9, 0).AddHours(20)),               // due tomorrow morning: due soon
            Received("hh-dvc", Ward, T(9, 0), "HS-2", T(10, 0), "in_person"),              // resolved on time
            Received("hh-dvc", Ward, T(9, 0), "HS-3", T(9, 30), "postal"),                 // resolved late
            Received("hh-dvc", Ward, T(9, 0), "HS-4", T(11, 0)));                          // still open at 11:05: overdue
        At(9, 5);
        await Post(robot, Issued("hh-robot-1", Ward, T(9, 5), "A002", "ho-tich"));
        At(9, 10);
        await Post(robot, Issued("hh-robot-1", Ward, T(9, 10), "A003", "ho-tich"));
        At(9, 12);
        await Post(desk1, Ticket("ticket.called", "hh-desk-1", Ward, T(9, 12), "A001", "1"));   // waited 12 min
        At(9, 20);
        await Post(desk1, Ticket("ticket.served", "hh-desk-1", Ward, T(9, 20), "A001", "1"));
        await Post(robot, Rating("hh-robot-1", Ward, T(9, 20), 5));
        At(9, 21);
        await Post(desk2, Ticket("ticket.called", "hh-desk-2", Ward, T(9, 21), "A002", "2"));   // waited 16 min: over the 15-min target
        At(9, 30);
        await Post(desk2, Ticket("ticket.served", "hh-desk-2", Ward, T(9, 30), "A002", "2"));
        await Post(robot, Rating("hh-robot-1", Ward, T(9, 30), 4));
        At(9, 40);
        await Post(desk1, Ticket("ticket.noshow", "hh-desk-1", Ward, T(9, 40), "A003", "1"));
        await Post(robot, Rating("hh-robot-1", Ward, T(9, 40), 2));
        At(9, 50);
        await Post(dvc, Dossier("dossier.resolved", "hh-dvc", Ward, T(9, 50), "HS-2"));
        At(10, 30);
        await Post(dvc, Dossier("dossier.resolved", "hh-dvc", Ward, T(10, 30), "HS-3"));
        // Devices keep talking so none of them is offline at 11:05.
        At(11, 5);
        await Post(desk1, CounterState("hh-desk-1", Ward, T(11, 5), "1", "open", "ho-tich", "chung-thuc"));
        await Post(desk2, CounterState("hh-desk-2", Ward, T(11, 5), "2", "open", "ho-tich"));
        await Post(robot, RobotState("hh-robot-1", Ward, T(11, 5), x: 6));

        var w = await host.Get($"/api/v1/wards/{Ward}");
        Assert.Equal("Hồng Hà", w.GetProperty("name").GetString());
        Assert.Equal((3, 2, 1, 0), (Int(w, "ticketsIssued"), Int(w, "ticketsServed"), Int(w, "ticketsNoShow"), Int(w, "waiting")));
        Assert.Equal(840, w.GetProperty("avgWaitSeconds").GetDouble());   // (12 + 16) / 2 min
        Assert.Equal(960, w.GetProperty("maxWaitSeconds").GetDouble());
        Assert.Equal(1, Int(w, "waitsOverTarget"));
        Assert.Equal(11.0 / 3, w.GetProperty("satisfaction").GetDouble(), 9);     // (5 + 4 + 2) / 3, unrounded
        var d = w.GetProperty("dossiers");
        Assert.Equal((4, 2, 1, 1, 2, 1, 1),
            (Int(d, "received"), Int(d, "receivedOnline"), Int(d, "resolvedOnTime"), Int(d, "resolvedLate"), Int(d, "inProgress"), Int(d, "overdue"), Int(d, "dueSoon")));
        Assert.Equal((2, 1, 1), (Int(w, "countersOpen"), Int(w, "robotsOnline"), Int(w, "robotsTotal")));
        Assert.Equal("critical", w.GetProperty("status").GetString());
        var overdue = w.GetProperty("overdueDossiers").EnumerateArray().Single();
        Assert.Equal(("HS-4", 300.0), (overdue.GetProperty("dossier").GetString(), overdue.GetProperty("overdueSeconds").GetDouble()));
        Assert.Equal("2026-11-25T11:00:00+07:00", overdue.GetProperty("dueAt").GetString());
        var desks = w.GetProperty("counters").EnumerateArray().ToDictionary(c => c.GetProperty("counter").GetString()!);
        Assert.Equal((1, 1), (Int(desks["1"], "servedToday"), Int(desks["2"], "servedToday")));

        var alerts = await host.Get($"/api/v1/alerts?ward={Ward}&state=open");
        var kinds = alerts.EnumerateArray().Select(a => a.GetProperty("kind").GetString()).Order().ToList();
        // The 2-star rating at 09:40 reaches the ward chief as a rating-low (issue 12).
        Assert.Equal(["dossier-due-soon", "dossier-overdue", "rating-low"], kinds);

        // The city strip is the feed's one result; it follows the ward within a frame.
        var city = await Eventually.Get(() => host.Get("/api/v1/city"), c => Int(c, "overdue") == 1);
        Assert.Equal((4, 1, 126), (Int(city, "dossiersReceived"), Int(city, "overdue"), Int(city, "wards")));
        var list = await host.Get("/api/v1/wards");
        Assert.Equal(126, list.GetArrayLength());
    }

    private static int Int(JsonElement e, string name) => e.GetProperty(name).GetInt32();
}
