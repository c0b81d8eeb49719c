using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Silo.Hosting;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>
/// Cluster mode on a real Redis: two silos share membership, grain state and reminders there;
/// Ingest and Dashboard find them through Redis too. Killing a silo loses nothing acknowledged.
/// </summary>
public sealed class RedisClusterTests
{
    private static Task<CenterProcess> Silo(RedisProcess redis) =>
        CenterProcess.StartProgram("Ioc.Silo.dll", "Woke 126 wards",
        [
            $"--Ioc:Cluster:Redis={redis.ConnectionString}", $"--Ioc:Cluster:SiloPort={IocSiloHosting.FreePort()}",
            $"--Ioc:Cluster:GatewayPort={IocSiloHosting.FreePort()}", "--Logging:LogLevel:Ioc=Information",
        ]);

    [Fact]
    public async Task Two_silos_on_redis_serve_ingest_and_dashboard_and_state_survives_a_killed_silo()
    {
        await using var redis = await RedisProcess.Start();
        var first = await Silo(redis);
        await using var second = await Silo(redis);
        string[] client = [$"--Ioc:Cluster:Redis={redis.ConnectionString}"];
        await using var ingest = await CenterProcess.StartProgram("Ioc.Ingest.dll", "Application started", client);
        var data = Path.Combine(Path.GetTempPath(), "ioc-redis-" + Guid.NewGuid().ToString("N"));
        await using var dashboard = await CenterProcess.StartProgram("Ioc.Dashboard.dll", "Hanoi IOC is running at",
            [.. client, "--Ioc:Cluster:Mode=client", $"--Ioc:DataPath={data}", "--Ioc:Admin:Password=admin-password-redis", "--Ioc:Jobs:Enabled=false"]);

        var admin = await dashboard.Token("admin", "admin-password-redis");
        var created = await dashboard.Send(HttpMethod.Post, "/api/v1/devices", admin, JsonContent.Create(new { deviceId = "rc-dvc", kind = "dossier-system", wards = new[] { "00004", "00008", "00025", "00070" } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var now = DateTimeOffset.UtcNow;
        string[] wards = ["00004", "00008", "00025", "00070"];
        var body = new JsonObject { ["events"] = new JsonArray([.. wards.Select(w => (JsonNode)Received("rc-dvc", w, now, $"HS-{w}", now.AddDays(2)))]) }.ToJsonString();
        var posted = await ingest.Send(HttpMethod.Post, "/api/v1/telemetry", key, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        // Wards were spread over both silos; killing one moves its grains to the other, which
        // reads their state back from Redis.
        first.Kill();
        await first.DisposeAsync();
        var until = DateTime.UtcNow.AddSeconds(60);
        int[] received = [];
        while (DateTime.UtcNow < until)
        {
            try
            {
                received = await Task.WhenAll(wards.Select(async w =>
                    (await (await dashboard.Send(HttpMethod.Get, $"/api/v1/wards/{w}", admin)).Content.ReadFromJsonAsync<JsonElement>())
                        .GetProperty("dossiers").GetProperty("received").GetInt32()));
                if (received.All(r => r == 1)) break;
            }
            catch (Exception) { /* the cluster is still noticing the dead silo */ }
            await Task.Delay(1000);
        }
        Assert.Equal([1, 1, 1, 1], received);
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}
