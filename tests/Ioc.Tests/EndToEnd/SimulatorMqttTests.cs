using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Tests.Support;

namespace Ioc.Tests.EndToEnd;

/// <summary>The simulator's devices speaking MQTT to the center's own broker, as field devices do.</summary>
public sealed class SimulatorMqttTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-simmq-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Theory]
    [InlineData("mqtt")]
    [InlineData("mixed")]
    public async Task Every_unit_gets_its_figures_when_devices_send_over_MQTT(string transport)
    {
        await using var center = await CenterProcess.Start(Path.Combine(_data, transport), "--Ioc:Simulator:Enabled=true",
            $"--Ioc:Simulator:Transport={transport}", "--Ioc:Clock:Speed=120", "--Ioc:Clock:Start=08:30", "--Ioc:Admin:Password=admin-password-simmq");
        var token = await center.Token("admin", "admin-password-simmq");
        JsonElement[] wards = [];
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(2000);
            wards = [.. (await (await center.Send(HttpMethod.Get, "/api/v1/wards", token)).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
            if (wards.Count(w => w.GetProperty("ticketsIssued").GetInt32() > 0) == 126) break;
        }
        Assert.Equal(126, wards.Count(w => w.GetProperty("ticketsIssued").GetInt32() > 0));
        Assert.DoesNotContain("rejected", center.Output);
    }
}
