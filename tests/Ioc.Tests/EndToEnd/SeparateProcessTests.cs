using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Silo.Hosting;
using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.EndToEnd;

/// <summary>Silo, Ingest and Dashboard as three processes: the two web processes are Orleans clients.</summary>
public sealed class SeparateProcessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-3p-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Telemetry_posted_to_ingest_is_read_back_from_the_dashboard_through_the_silo()
    {
        var gateway = IocSiloHosting.FreePort().ToString();
        string[] cluster = [$"--Ioc:Cluster:GatewayPort={gateway}"];
        await using var silo = await CenterProcess.StartProgram("Ioc.Silo.dll", "Woke 126 wards",
            [.. cluster, $"--Ioc:Cluster:SiloPort={IocSiloHosting.FreePort()}", $"--Ioc:DataPath={_data}/silo", "--Logging:LogLevel:Ioc=Information"]);
        await using var ingest = await CenterProcess.StartProgram("Ioc.Ingest.dll", "Application started", cluster);
        await using var dashboard = await CenterProcess.StartProgram("Ioc.Dashboard.dll", "Hanoi IOC is running at",
            [.. cluster, "--Ioc:Cluster:Mode=client", $"--Ioc:DataPath={_data}/dashboard", "--Ioc:Admin:Password=admin-password-3p", "--Ioc:Jobs:Enabled=false"]);

        var admin = await dashboard.Token("admin", "admin-password-3p");
        var created = await dashboard.Send(HttpMethod.Post, "/api/v1/devices", admin, JsonContent.Create(new { deviceId = "p3-kiosk", kind = "kiosk", ward = "00070" }));
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var body = new JsonObject { ["events"] = new JsonArray(Issued("p3-kiosk", "00070", DateTimeOffset.UtcNow, "P001", "ho-tich", "kiosk")) }.ToJsonString();
        var posted = await ingest.Send(HttpMethod.Post, "/api/v1/telemetry", key, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var ward = await (await dashboard.Send(HttpMethod.Get, "/api/v1/wards/00070", admin)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (ward.GetProperty("ticketsIssued").GetInt32(), ward.GetProperty("waiting").GetInt32()));
    }
}
