using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Tests.Support;

namespace Ioc.Tests.EndToEnd;

/// <summary>The README's first command: the embedded center with its simulator feeds every unit.</summary>
public sealed class SimulatorFeedTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-sim-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_simulator_streams_a_working_morning_to_all_126_units_over_the_telemetry_api()
    {
        await using var center = await CenterProcess.Start(_data,
            "--Ioc:Simulator:Enabled=true", "--Ioc:Clock:Speed=120", "--Ioc:Clock:Start=08:30", "--Ioc:Admin:Password=admin-password-sim");
        var token = await center.Token("admin", "admin-password-sim");

        JsonElement[] wards = [];
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(2000);
            wards = [.. (await (await center.Send(HttpMethod.Get, "/api/v1/wards", token)).Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
            // Desks report on their own heartbeat: wait until every unit has both data and an open desk.
            if (wards.Count(Busy) == 126 && wards.All(w => w.GetProperty("countersOpen").GetInt32() > 0)) break;
        }
        Assert.Equal(126, wards.Length);
        Assert.Equal(126, wards.Count(w => w.GetProperty("countersOpen").GetInt32() > 0));
        Assert.Equal(126, wards.Count(Busy));
        Assert.Contains(wards, w => w.GetProperty("robotsOnline").GetInt32() > 0);

        // The simulator is an ordinary admin client: its devices are in the registry like any others.
        var devices = await (await center.Send(HttpMethod.Get, "/api/v1/devices", token)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(devices.GetArrayLength() > 126 * 4);
    }

    private static bool Busy(JsonElement w) =>
        w.GetProperty("ticketsIssued").GetInt32() + w.GetProperty("dossiers").GetProperty("received").GetInt32() > 0;
}
