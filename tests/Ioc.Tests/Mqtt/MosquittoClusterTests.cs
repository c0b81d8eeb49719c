using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Ingest.Mqtt;
using Ioc.Silo.Hosting;
using Ioc.Tests.Support;
using MQTTnet;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Mqtt;

/// <summary>
/// A cluster's MQTT: devices on Mosquitto (dynamic security), provisioned by the center; two ingest processes
/// on the shared subscription, acknowledging each message only after its events are stored.
/// </summary>
public sealed class MosquittoClusterTests : IAsyncLifetime
{
    private const string AdminPassword = "admin-password-mosquitto";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "ioc-mq-" + Guid.NewGuid().ToString("N"));
    private readonly string _gateway = IocSiloHosting.FreePort().ToString();
    private MosquittoProcess _broker = null!;
    private CenterProcess _center = null!;
    private readonly CenterProcess?[] _ingest = new CenterProcess?[2];
    private string _admin = "";

    public async ValueTask InitializeAsync()
    {
        _broker = await MosquittoProcess.Start();
        // The center (embedded silo) provisions devices on the broker but takes no batches itself.
        _center = await CenterProcess.Start(Path.Combine(_data, "center"), $"--Ioc:Cluster:GatewayPort={_gateway}", "--Ioc:Jobs:Enabled=false",
            $"--Ioc:Admin:Password={AdminPassword}", $"--Ioc:Mqtt:Broker={_broker.Address}", "--Ioc:Mqtt:Subscribe=false",
            "--Ioc:Mqtt:AdminUsername=ioc-admin", $"--Ioc:Mqtt:AdminPassword={_broker.AdminPassword}");
        _admin = await _center.Token("admin", AdminPassword);
        for (var i = 0; i < _ingest.Length; i++) _ingest[i] = await StartIngest(i);
    }

    private Task<CenterProcess> StartIngest(int n) => CenterProcess.StartProgram("Ioc.Ingest.dll", "Taking devices' MQTT batches",
        [$"--Ioc:Cluster:GatewayPort={_gateway}", $"--Ioc:Mqtt:Broker={_broker.Address}", "--Ioc:Mqtt:Username=ioc-ingest",
            $"--Ioc:Mqtt:Password={_broker.IngestPassword}", $"--Ioc:Mqtt:ClientId=ioc-ingest-{n}", "--Logging:LogLevel:Ioc=Information"]);

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _ingest) if (p is not null) await p.DisposeAsync();
        await _center.DisposeAsync();
        await _broker.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private async Task<string> Provision(string deviceId, string ward)
    {
        var r = await _center.Send(HttpMethod.Post, "/api/v1/devices", _admin, JsonContent.Create(new { deviceId, kind = "kiosk", ward }));
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    private async Task<int> TicketsIssued(string ward) =>
        (await (await _center.Send(HttpMethod.Get, $"/api/v1/wards/{ward}", _admin)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticketsIssued").GetInt32();

    /// <summary>Reads the figure until it is what is expected or the time is up, and returns what it last was.</summary>
    private async Task<int> Eventually(Func<Task<int>> figure, int expected)
    {
        var until = DateTime.UtcNow.AddSeconds(90);
        int last;
        while ((last = await figure()) != expected && DateTime.UtcNow < until) await Task.Delay(200);
        return last;
    }

    [Fact]
    public async Task A_provisioned_device_publishes_its_own_topic_only_hears_its_errors_and_a_rotated_key_is_refused()
    {
        var key = await Provision("mq-kiosk-1", "00070");
        await using var device = await MqttDevice.Connect(_broker.Port, "mq-kiosk-1", key);
        Assert.Equal(MqttClientConnectResultCode.Success, device.Connack.ResultCode);
        await device.Subscribe(DeviceTopics.Errors("00070", "mq-kiosk-1"));
        var denied = await device.Client.SubscribeAsync(DeviceTopics.Errors("00082", "someone"), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, denied.Items.Single().ResultCode);

        var ok = await device.Publish(DeviceTopics.Of("00070", "mq-kiosk-1"), Issued("mq-kiosk-1", "00070", DateTimeOffset.UtcNow, "M1", "ho-tich", "kiosk"));
        Assert.True(ok.IsSuccess, ok.ReasonCode.ToString());
        Assert.Equal(1, await Eventually(() => TicketsIssued("00070"), 1));

        var other = await device.Publish(DeviceTopics.Of("00082", "mq-kiosk-1"), Issued("mq-kiosk-1", "00082", DateTimeOffset.UtcNow, "M2", "ho-tich", "kiosk"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, other.ReasonCode);

        await device.Publish(DeviceTopics.Of("00070", "mq-kiosk-1"), Issued("mq-kiosk-1", "00070", DateTimeOffset.UtcNow, "M3", "no-such-service", "kiosk"));
        var (topic, problem, _) = await device.Next(TimeSpan.FromSeconds(60));
        Assert.Equal(DeviceTopics.Errors("00070", "mq-kiosk-1"), topic);
        Assert.Equal([(0, "service")], ProblemAnswers.Errors(problem));
        Assert.Equal(1, await TicketsIssued("00070"));
        Assert.Equal(0, await TicketsIssued("00082"));

        var rotated = await _center.Send(HttpMethod.Post, "/api/v1/devices/mq-kiosk-1/key", _admin);
        var fresh = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        await using var old = await MqttDevice.Connect(_broker.Port, "mq-kiosk-1", key);
        Assert.NotEqual(MqttClientConnectResultCode.Success, old.Connack.ResultCode);
        await using var renewed = await MqttDevice.Connect(_broker.Port, "mq-kiosk-1", fresh);
        Assert.Equal(MqttClientConnectResultCode.Success, renewed.Connack.ResultCode);
    }

    [Fact]
    public async Task An_ingest_process_killed_while_devices_publish_loses_nothing_the_broker_acknowledged_and_counts_nothing_twice()
    {
        string[] wards = ["00091", "00097", "00103", "00118"];
        const int Batches = 30, PerBatch = 4;
        var devices = new List<MqttDevice>();
        for (var i = 0; i < wards.Length; i++)
            devices.Add(await MqttDevice.Connect(_broker.Port, $"mq-kill-{i}", await Provision($"mq-kill-{i}", wards[i])));
        var acknowledged = 0;
        var killed = new TaskCompletionSource();

        async Task Play(int i)
        {
            for (var b = 0; b < Batches; b++)
            {
                var events = Enumerable.Range(0, PerBatch)
                    .Select(k => Issued($"mq-kill-{i}", wards[i], DateTimeOffset.UtcNow, $"K{b * PerBatch + k:D4}", "ho-tich", "kiosk")).ToArray();
                var ack = await devices[i].Publish(DeviceTopics.Of(wards[i], $"mq-kill-{i}"), events);
                Assert.True(ack.IsSuccess, ack.ReasonCode.ToString());
                if (Interlocked.Add(ref acknowledged, PerBatch) >= wards.Length * Batches * PerBatch / 3) killed.TrySetResult();
            }
        }

        var playing = Task.WhenAll(Enumerable.Range(0, wards.Length).Select(Play));
        await killed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        _ingest[0]!.Kill();
        await playing.WaitAsync(TimeSpan.FromSeconds(120));
        // The killed process comes back on its persistent session: what it held unacknowledged is delivered again.
        await _ingest[0]!.DisposeAsync();
        _ingest[0] = await StartIngest(0);

        Assert.Equal(wards.Length * Batches * PerBatch, acknowledged);
        foreach (var ward in wards) Assert.Equal(Batches * PerBatch, await Eventually(() => TicketsIssued(ward), Batches * PerBatch));
        foreach (var d in devices) await d.DisposeAsync();
    }
}
