using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Ioc.Tests.Operations;

/// <summary>The health endpoints of the embedded default: anonymous, no detail but for admins.</summary>
public sealed class HealthTests(CenterHost host) : IClassFixture<CenterHost>
{
    [Fact]
    public async Task Live_and_ready_answer_anyone_with_the_status_only_and_admins_with_each_check()
    {
        foreach (var path in new[] { "/healthz/live", "/healthz/ready" })
        {
            var r = await host.Send(HttpMethod.Get, path, token: null);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Equal("""{"status":"Healthy"}""", await r.Content.ReadAsStringAsync());
        }
        await host.CreateUser("chief.health", "chief-password-hh", "ward-chief", "00004");
        var chief = await (await host.Send(HttpMethod.Get, "/healthz/ready", await host.TokenFor("chief.health", "chief-password-hh"))).Content.ReadAsStringAsync();
        Assert.Equal("""{"status":"Healthy"}""", chief);

        var admin = await (await host.Send(HttpMethod.Get, "/healthz/ready", await host.AdminToken())).Content.ReadFromJsonAsync<JsonElement>();
        var checks = admin.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["cluster"] = "Healthy", ["history"] = "Healthy", ["storage"] = "Healthy", ["mqtt"] = "Healthy" }, checks);
        // Live runs no check: the process answers.
        var live = await (await host.Send(HttpMethod.Get, "/healthz/live", await host.AdminToken())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(live.GetProperty("checks").EnumerateArray());
    }
}

/// <summary>A center whose InfluxDB is not there: its writer's backlog grows past a limit of 1 point.</summary>
public sealed class NoInfluxCenter : CenterHost
{
    private static int DeadPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Ioc:Influx:Url", $"http://127.0.0.1:{DeadPort()}"),
        new("Ioc:Influx:RequestTimeout", "00:00:00.500"),
        new("Ioc:Influx:EnsureRetention", "false"),
        new("Ioc:History:RecordEvery", "00:00:00.200"),
        new("Ioc:Health:InfluxBacklogLimit", "1"),
    ];
}

public sealed class HealthWithInfluxDownTests(NoInfluxCenter host) : IClassFixture<NoInfluxCenter>
{
    [Fact]
    public async Task Ready_is_503_while_the_influxdb_backlog_is_over_its_limit_and_live_stays_200()
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        HttpResponseMessage ready;
        while ((ready = await host.Send(HttpMethod.Get, "/healthz/ready", token: null)).StatusCode == HttpStatusCode.OK && DateTime.UtcNow < until)
            await Task.Delay(100);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("""{"status":"Unhealthy"}""", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await host.Send(HttpMethod.Get, "/healthz/live", token: null)).StatusCode);

        var admin = await (await host.Send(HttpMethod.Get, "/healthz/ready", await host.AdminToken())).Content.ReadFromJsonAsync<JsonElement>();
        var history = admin.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "history");
        Assert.Equal("Unhealthy", history.GetProperty("status").GetString());
        Assert.Contains("InfluxDB backlog", history.GetProperty("description").GetString());
    }
}
