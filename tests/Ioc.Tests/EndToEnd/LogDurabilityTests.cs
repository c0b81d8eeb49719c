using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Ioc.Tests.History;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// The ledger is the log: a center killed with SIGKILL while devices post loses no acknowledged business
/// event, in its figures or in InfluxDB, and counts none twice — also when InfluxDB was down throughout.
/// </summary>
public sealed class LogDurabilityTests : IDisposable
{
    private const string Password = "admin-password-durability";
    private const string Ward = "00070";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-log-" + Guid.NewGuid().ToString("N"));
    private readonly string _database = "ioc_log_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private Task<CenterProcess> Center(string influxUrl) => CenterProcess.Start(_data,
        $"--Ioc:Admin:Password={Password}", $"--Ioc:Influx:Url={influxUrl}", $"--Ioc:Influx:Database={_database}", "--Ioc:Jobs:Enabled=false");

    [Fact]
    public async Task Killed_while_devices_post_every_acknowledged_event_is_counted_and_in_influxdb_exactly_once()
    {
        await using var influx = await Influxd.StartAsync();
        await KillWhilePostingThenCheck(influx.Url, startInfluxAfterKill: null);
    }

    [Fact]
    public async Task With_influxdb_down_until_after_the_kill_nothing_acknowledged_is_lost_and_history_catches_up()
    {
        var port = Influxd.FreePort();
        Influxd? influx = null;
        try
        {
            await KillWhilePostingThenCheck($"http://127.0.0.1:{port}", async () => influx = await Influxd.StartAsync(port));
        }
        finally
        {
            if (influx is not null) await influx.DisposeAsync();
        }
    }

    private async Task KillWhilePostingThenCheck(string influxUrl, Func<Task>? startInfluxAfterKill)
    {
        var center = await Center(influxUrl);
        var admin = await center.Token("admin", Password);
        var devices = new List<PostingDevice>();
        for (var i = 0; i < 3; i++)
            devices.Add(new PostingDevice($"kill-kiosk-{i}", Ward, await Provision(center, admin, $"kill-kiosk-{i}")));
        using var stop = new CancellationTokenSource();
        var posting = devices.Select(d => Task.Run(() => d.Run(() => center, stop.Token))).ToList();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (devices.Sum(d => d.Acked) < 150 && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.True(devices.Sum(d => d.Acked) >= 150, "devices could not post");

        center.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(posting);
        await center.DisposeAsync();
        if (startInfluxAfterKill is not null) await startInfluxAfterKill();

        await using var second = await Center(influxUrl);
        foreach (var d in devices) await d.ResendUnacknowledged(second);
        var sent = devices.Sum(d => d.Sent);
        var token = await second.Token("admin", Password);
        var ward = await (await second.Send(HttpMethod.Get, $"/api/v1/wards/{Ward}", token)).Content.ReadFromJsonAsync<JsonElement>();
        // One ticket and one rating a batch, each counted once, whether its first answer was lost or not.
        Assert.Equal((sent, sent), (ward.GetProperty("ticketsIssued").GetInt32(), ward.GetProperty("ratings").GetInt32()));

        var expected = devices.SelectMany(d => d.Ids).ToHashSet();
        var ids = await EventIds(influxUrl, expected.Count);
        if (expected.Count != ids.Count)
        {
            // A shortfall explains itself: the shipper's own account, and the center's log kept for reading.
            var status = await (await second.Send(HttpMethod.Get, "/api/v1/admin/history", token)).Content.ReadAsStringAsync();
            var kept = Path.Combine(Path.GetTempPath(), $"ioc-log-durability-{_database}.txt");
            await File.WriteAllTextAsync(kept, second.Output);
            Assert.Fail($"{ids.Count} of {expected.Count} events in InfluxDB; history status {status}; the center's log is in {kept}");
        }
        Assert.Equal(expected.Order(), ids.Order());
    }

    [Fact]
    public async Task Two_events_of_one_millisecond_across_a_restart_are_two_points_and_a_batch_retried_after_it_changes_nothing()
    {
        await using var influx = await Influxd.StartAsync();
        var center = await Center(influx.Url);
        var admin = await center.Token("admin", Password);
        var key = await Provision(center, admin, "ms-kiosk");
        var at = DateTimeOffset.UtcNow;
        var first = new[] { Issued("ms-kiosk", Ward, at, "M1", "ho-tich", "kiosk") };
        Assert.Equal(HttpStatusCode.Accepted, (await Post(center, key, first)).StatusCode);
        await EventIds(influx.Url, 1);
        center.Kill();
        await center.DisposeAsync();

        await using var second = await Center(influx.Url);
        // The same ward, type, service, channel and millisecond as the first, after a restart.
        Assert.Equal(HttpStatusCode.Accepted, (await Post(second, key, Issued("ms-kiosk", Ward, at, "M2", "ho-tich", "kiosk"))).StatusCode);
        Assert.Equal(2, (await EventIds(influx.Url, 2)).Count);
        // A device that never got the first answer sends the batch again: a duplicate, nothing written.
        var again = await (await Post(second, key, first)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 1), (again.GetProperty("accepted").GetInt32(), again.GetProperty("duplicates").GetInt32()));
        Assert.Equal(HttpStatusCode.Accepted, (await Post(second, key, Rating("ms-kiosk", Ward, DateTimeOffset.UtcNow, 5))).StatusCode);
        Assert.Equal(3, (await EventIds(influx.Url, 3)).Count);
    }

    [Fact]
    public async Task The_center_starts_and_acknowledges_while_influxdb_answers_nothing()
    {
        // A "server" that accepts connections and never answers: nothing about start-up may wait for it.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try { while (true) accepted.Add(await silent.AcceptTcpClientAsync()); }
            catch (Exception) { /* stopped */ }
        });
        await using var center = await Center($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        var admin = await center.Token("admin", Password);
        var key = await Provision(center, admin, "silent-kiosk");
        Assert.Equal(HttpStatusCode.Accepted, (await Post(center, key, Issued("silent-kiosk", Ward, DateTimeOffset.UtcNow, "S1", "ho-tich", "kiosk"))).StatusCode);
        var ward = await (await center.Send(HttpMethod.Get, $"/api/v1/wards/{Ward}", admin)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, ward.GetProperty("ticketsIssued").GetInt32());
        foreach (var c in accepted) c.Dispose();
    }

    /// <summary>The ids of the ward's event points, once there are at least <paramref name="atLeast"/> (or after a minute).</summary>
    private async Task<List<string>> EventIds(string influxUrl, int atLeast)
    {
        using var http = new HttpClient { BaseAddress = new Uri(influxUrl) };
        var q = Uri.EscapeDataString($"SELECT \"id\" FROM \"event\" WHERE \"ward\" = '{Ward}'");
        var until = DateTime.UtcNow.AddSeconds(60);
        List<string> ids = [];
        while (DateTime.UtcNow < until)
        {
            try
            {
                var r = await http.GetFromJsonAsync<JsonElement>($"/query?db={_database}&q={q}");
                var result = r.GetProperty("results")[0];
                ids = result.TryGetProperty("series", out var series)
                    ? [.. series[0].GetProperty("values").EnumerateArray().Select(v => v[1].GetString()!)]
                    : [];
                if (ids.Count >= atLeast) return ids;
            }
            catch (HttpRequestException) { /* not up yet */ }
            await Task.Delay(250);
        }
        return ids;
    }

    private static async Task<string> Provision(CenterProcess c, string admin, string id)
    {
        var r = await c.Send(HttpMethod.Post, "/api/v1/devices", admin, JsonContent.Create(new { deviceId = id, kind = "kiosk", ward = Ward }));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private static Task<HttpResponseMessage> Post(CenterProcess c, string key, params System.Text.Json.Nodes.JsonObject[] events)
    {
        var body = new System.Text.Json.Nodes.JsonObject { ["events"] = new System.Text.Json.Nodes.JsonArray([.. events.Select(e => e.DeepClone())]) }.ToJsonString();
        return c.Send(HttpMethod.Post, "/api/v1/telemetry", key, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
    }
}
