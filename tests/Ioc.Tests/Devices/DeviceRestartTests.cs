using Ioc.Tests.Support;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Devices;

/// <summary>
/// No device grain keeps a timer, and after a restart none is active: a device its ward last saw
/// online that stays silent must still go offline, with its alert, once it has been silent 60 s.
/// </summary>
public sealed class DeviceRestartTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-device-restart-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private sealed class Host(string data) : CenterHost
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Ioc:DataPath", data)];
    }

    [Fact]
    public async Task A_robot_silent_across_a_restart_is_shown_offline_with_an_alert_without_speaking_again()
    {
        const string ward = "00025";
        await using (var first = new Host(_data))
        {
            await first.InitializeAsync();
            var key = await first.Provision("rr-robot", "robot", ward);
            await first.PostAccepted(key, RobotState("rr-robot", ward, first.Now));
            var before = await first.Get($"/api/v1/wards/{ward}");
            Assert.Equal(1, before.GetProperty("robotsOnline").GetInt32());
        }

        // Two minutes later (both clocks): the robot never speaks again.
        await using var second = new Host(_data);
        second.Time.Advance(TimeSpan.FromMinutes(2));
        await second.InitializeAsync();
        var summary = await Eventually.Get(() => second.Get($"/api/v1/wards/{ward}"), w => w.GetProperty("robotsOnline").GetInt32() == 0);
        Assert.Equal(0, summary.GetProperty("robotsOnline").GetInt32());
        var alerts = await Eventually.Get(() => second.Get($"/api/v1/alerts?ward={ward}"),
            a => a.EnumerateArray().Any(x => x.GetProperty("kind").GetString() == "robot-offline"));
        var alert = Assert.Single(alerts.EnumerateArray(), a => a.GetProperty("kind").GetString() == "robot-offline");
        Assert.Equal("rr-robot", alert.GetProperty("subject").GetString());
    }
}
