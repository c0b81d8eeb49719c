using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>Killing the embedded center loses nothing it acknowledged.</summary>
public sealed partial class RestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [GeneratedRegex("generated password: (\\S+)")]
    private static partial Regex GeneratedPassword();

    [Fact]
    public async Task Killed_and_restarted_the_center_keeps_todays_counts_open_dossiers_alerts_and_users()
    {
        const string ward = "00004";
        string password, alertId, key;
        JsonObject[] firstBatch = [];
        await using (var first = await CenterProcess.Start(_data))
        {
            // First start without a configured password: one is generated and printed once.
            password = GeneratedPassword().Match(first.Output).Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(password), first.Output);
            var admin = await first.Token("admin", password);
            key = await Provision(first, admin, "rs-kiosk", "kiosk", ward);
            var dvc = await Provision(first, admin, "rs-dvc", "dossier-system", ward);
            var now = DateTimeOffset.UtcNow;
            for (var i = 1; i <= 20; i++)
            {
                JsonObject[] batch = [Issued("rs-kiosk", ward, now, $"R{i:000}", "ho-tich", "kiosk"), Rating("rs-kiosk", ward, now, 4)];
                if (i == 1) firstBatch = [.. batch.Select(e => e.DeepClone().AsObject())];
                Assert.Equal(HttpStatusCode.Accepted, (await Post(first, key, batch)).StatusCode);
            }
            Assert.Equal(HttpStatusCode.Accepted, (await Post(first, dvc,
                Received("rs-dvc", ward, now, "HS-LATE", now.AddSeconds(-1)),
                Received("rs-dvc", ward, now, "HS-OPEN", now.AddDays(5)))).StatusCode);
            var alerts = await (await first.Send(HttpMethod.Get, $"/api/v1/alerts?ward={ward}", admin)).Content.ReadFromJsonAsync<JsonElement>();
            alertId = alerts.EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "dossier-overdue").GetProperty("id").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await first.Send(HttpMethod.Post, $"/api/v1/alerts/{alertId}/acknowledge", admin)).StatusCode);
            first.Kill();
        }

        await using var second = await CenterProcess.Start(_data);
        Assert.DoesNotContain("generated password", second.Output);
        var token = await second.Token("admin", password);
        var w = await (await second.Send(HttpMethod.Get, $"/api/v1/wards/{ward}", token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((20, 20, 20), (w.GetProperty("ticketsIssued").GetInt32(), w.GetProperty("waiting").GetInt32(), w.GetProperty("ratings").GetInt32()));
        var d = w.GetProperty("dossiers");
        Assert.Equal((2, 2, 1), (d.GetProperty("received").GetInt32(), d.GetProperty("inProgress").GetInt32(), d.GetProperty("overdue").GetInt32()));
        var alert = w.GetProperty("alerts").EnumerateArray().Single(a => a.GetProperty("id").GetString() == alertId);
        Assert.Equal(("acknowledged", "admin"), (alert.GetProperty("state").GetString(), alert.GetProperty("acknowledgedBy").GetString()));
        // The device key survived too, and a batch re-sent after the restart is recognised as a repeat.
        var resent = await Post(second, key, firstBatch);
        Assert.Equal(HttpStatusCode.Accepted, resent.StatusCode);
        var body = await resent.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 2), (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32()));
    }

    [Fact]
    public async Task A_state_message_repeated_after_a_restart_is_answered_as_a_duplicate()
    {
        const string ward = "00008";
        var t = DateTimeOffset.UtcNow;
        JsonObject[] robot = [RobotState("rw-robot", ward, t, x: 1), RobotState("rw-robot", ward, t.AddSeconds(1), x: 2), RobotState("rw-robot", ward, t.AddSeconds(2), x: 5.5)];
        JsonObject[] desk = [CounterState("rw-desk", ward, t, "4", "open", "ho-tich")];
        string robotKey, deskKey;
        await using (var first = await CenterProcess.Start(_data, "--Ioc:Admin:Password=restart-admin-password"))
        {
            var admin = await first.Token("admin", "restart-admin-password");
            robotKey = await Provision(first, admin, "rw-robot", "robot", ward);
            deskKey = await Provision(first, admin, "rw-desk", "counter", ward);
            Assert.Equal((3, 0), await Counts(await Post(first, robotKey, Copy(robot))));
            Assert.Equal((1, 0), await Counts(await Post(first, deskKey, Copy(desk))));
            // Within one run the window is in memory; across a restart it comes back with the stored state.
            await first.Stop();
        }

        await using var second = await CenterProcess.Start(_data, "--Ioc:Admin:Password=restart-admin-password");
        Assert.Equal((0, 3), await Counts(await Post(second, robotKey, Copy(robot))));
        Assert.Equal((0, 1), await Counts(await Post(second, deskKey, Copy(desk))));
        var admin2 = await second.Token("admin", "restart-admin-password");
        var detail = await (await second.Send(HttpMethod.Get, $"/api/v1/wards/{ward}", admin2)).Content.ReadFromJsonAsync<JsonElement>();
        var shown = detail.GetProperty("robots").EnumerateArray().Single(r => r.GetProperty("deviceId").GetString() == "rw-robot");
        Assert.Equal(5.5, shown.GetProperty("pose").GetProperty("x").GetDouble());
        // A new message is still news.
        Assert.Equal((1, 0), await Counts(await Post(second, robotKey, RobotState("rw-robot", ward, t.AddSeconds(3), x: 6))));
    }

    private static JsonObject[] Copy(JsonObject[] events) => [.. events.Select(e => e.DeepClone().AsObject())];

    private static async Task<(int Accepted, int Duplicates)> Counts(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Accepted, r.StatusCode);
        var body = await r.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("accepted").GetInt32(), body.GetProperty("duplicates").GetInt32());
    }

    private static async Task<string> Provision(CenterProcess c, string admin, string id, string kind, string ward)
    {
        object body = kind == "dossier-system" ? new { deviceId = id, kind, wards = new[] { ward } } : new { deviceId = id, kind, ward };
        var r = await c.Send(HttpMethod.Post, "/api/v1/devices", admin, JsonContent.Create(body));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static Task<HttpResponseMessage> Post(CenterProcess c, string key, params JsonObject[] events)
    {
        var content = new StringContent(new JsonObject { ["events"] = new JsonArray([.. events]) }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        return c.Send(HttpMethod.Post, "/api/v1/telemetry", key, content);
    }
}
