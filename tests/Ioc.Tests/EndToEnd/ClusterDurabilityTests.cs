using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Silo.Hosting;
using Ioc.Tests.History;
using Ioc.Tests.Support;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// A silo killed with SIGKILL while devices post through a separate ingest process loses no
/// acknowledged business event, in the figures or in InfluxDB: three processes on SQLite (the silo
/// restarted on its data), and a Redis cluster of two silos (the other takes the wards over).
/// </summary>
public sealed class ClusterDurabilityTests : IDisposable
{
    private const string Password = "admin-password-cluster-kill";
    private static readonly string[] Wards = ["00004", "00008", "00025", "00070"];
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-kill-" + Guid.NewGuid().ToString("N"));
    private readonly string _database = "ioc_kill_" + Guid.NewGuid().ToString("N")[..8];

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Three_processes_a_killed_and_restarted_silo_keeps_every_acknowledged_event_in_figures_and_influxdb()
    {
        await using var influx = await Influxd.StartAsync();
        string[] cluster = [$"--Ioc:Cluster:GatewayPort={IocSiloHosting.FreePort()}"];
        string[] silo = [.. cluster, $"--Ioc:Cluster:SiloPort={IocSiloHosting.FreePort()}", $"--Ioc:DataPath={_data}/silo",
            $"--Ioc:Influx:Url={influx.Url}", $"--Ioc:Influx:Database={_database}", "--Logging:LogLevel:Ioc=Information"];
        var first = await CenterProcess.StartProgram("Ioc.Silo.dll", "Woke 126 wards", silo);
        await using var ingest = await CenterProcess.StartProgram("Ioc.Ingest.dll", "Application started", cluster);
        await using var dashboard = await CenterProcess.StartProgram("Ioc.Dashboard.dll", "Hanoi IOC is running at",
            [.. cluster, "--Ioc:Cluster:Mode=client", $"--Ioc:DataPath={_data}/dashboard", $"--Ioc:Admin:Password={Password}", "--Ioc:Jobs:Enabled=false"]);

        var devices = await Devices(dashboard);
        await PostThenKill(devices, ingest, first);
        await using var second = await CenterProcess.StartProgram("Ioc.Silo.dll", "Woke 126 wards", silo);
        await Check(devices, ingest, dashboard, influx.Url);
    }

    [Fact]
    public async Task Redis_cluster_a_killed_silo_loses_no_acknowledged_event_the_other_takes_its_wards_over()
    {
        await using var influx = await Influxd.StartAsync();
        await using var redis = await RedisProcess.Start();
        string[] Silo() =>
        [
            $"--Ioc:Cluster:Redis={redis.ConnectionString}", $"--Ioc:Cluster:SiloPort={IocSiloHosting.FreePort()}",
            $"--Ioc:Cluster:GatewayPort={IocSiloHosting.FreePort()}", $"--Ioc:Influx:Url={influx.Url}", $"--Ioc:Influx:Database={_database}",
            "--Logging:LogLevel:Ioc=Information",
        ];
        var first = await CenterProcess.StartProgram("Ioc.Silo.dll", "Woke 126 wards", Silo());
        await using var second = await CenterProcess.StartProgram("Ioc.Silo.dll", "Woke 126 wards", Silo());
        string[] client = [$"--Ioc:Cluster:Redis={redis.ConnectionString}"];
        await using var ingest = await CenterProcess.StartProgram("Ioc.Ingest.dll", "Application started", client);
        await using var dashboard = await CenterProcess.StartProgram("Ioc.Dashboard.dll", "Hanoi IOC is running at",
            [.. client, "--Ioc:Cluster:Mode=client", $"--Ioc:DataPath={_data}/dashboard", $"--Ioc:Admin:Password={Password}", "--Ioc:Jobs:Enabled=false"]);

        var devices = await Devices(dashboard);
        await PostThenKill(devices, ingest, first);
        await Check(devices, ingest, dashboard, influx.Url);
    }

    private static async Task<List<(string Ward, PostingDevice Device)>> Devices(CenterProcess dashboard)
    {
        var admin = await dashboard.Token("admin", Password);
        var list = new List<(string, PostingDevice)>();
        foreach (var ward in Wards)
        {
            var id = $"ck-{ward}";
            var r = await dashboard.Send(HttpMethod.Post, "/api/v1/devices", admin, JsonContent.Create(new { deviceId = id, kind = "kiosk", ward }));
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            list.Add((ward, new PostingDevice(id, ward, (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!)));
        }
        return list;
    }

    private static async Task PostThenKill(List<(string Ward, PostingDevice Device)> devices, CenterProcess ingest, CenterProcess silo)
    {
        using var stop = new CancellationTokenSource();
        var posting = devices.Select(d => Task.Run(() => d.Device.Run(() => ingest, stop.Token))).ToList();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (devices.Sum(d => d.Device.Acked) < 120 && DateTime.UtcNow < until) await Task.Delay(50);
        Assert.True(devices.Sum(d => d.Device.Acked) >= 120, "devices could not post");
        silo.Kill();
        // Devices go on posting into the outage for a moment (503s), as devices do.
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(posting);
        await silo.DisposeAsync();
    }

    private async Task Check(List<(string Ward, PostingDevice Device)> devices, CenterProcess ingest, CenterProcess dashboard, string influxUrl)
    {
        foreach (var (_, d) in devices) await d.ResendUnacknowledged(ingest);
        var admin = await dashboard.Token("admin", Password);
        foreach (var (ward, d) in devices)
        {
            var w = await Eventually.Get(async () =>
            {
                try { return await (await dashboard.Send(HttpMethod.Get, $"/api/v1/wards/{ward}", admin)).Content.ReadFromJsonAsync<JsonElement>(); }
                catch (Exception) { return default; }
            }, w => w.ValueKind == JsonValueKind.Object && w.GetProperty("ticketsIssued").GetInt32() >= d.Sent, timeoutMs: 60_000);
            Assert.Equal((d.Sent, d.Sent), (w.GetProperty("ticketsIssued").GetInt32(), w.GetProperty("ratings").GetInt32()));
        }
        var expected = devices.SelectMany(d => d.Device.Ids).ToHashSet();
        var ids = await InfluxIds(influxUrl, expected.Count);
        Assert.Equal(expected.Count, ids.Count);
        Assert.Equal(expected.Order(), ids.Order());
    }

    private async Task<List<string>> InfluxIds(string url, int atLeast)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        var q = Uri.EscapeDataString("SELECT \"id\" FROM \"event\"");
        var until = DateTime.UtcNow.AddSeconds(60);
        List<string> ids = [];
        while (DateTime.UtcNow < until)
        {
            var r = await http.GetFromJsonAsync<JsonElement>($"/query?db={_database}&q={q}");
            var result = r.GetProperty("results")[0];
            ids = result.TryGetProperty("series", out var series) ? [.. series[0].GetProperty("values").EnumerateArray().Select(v => v[1].GetString()!)] : [];
            if (ids.Count >= atLeast) return ids;
            await Task.Delay(250);
        }
        return ids;
    }
}
