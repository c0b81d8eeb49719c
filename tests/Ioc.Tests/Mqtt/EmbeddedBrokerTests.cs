using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ioc.Ingest.Mqtt;
using Ioc.Tests.Support;
using MQTTnet;
using MQTTnet.Formatter;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Mqtt;

public sealed class MqttHost : CenterHost
{
    // Low enough that the quota test reaches it quickly; each test uses its own devices.
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [new("Ioc:Ingest:RequestsPerSecond", "1"), new("Ioc:Ingest:Burst", "5")];
}

/// <summary>Devices over the center's own MQTT broker, with a real MQTTnet client against the real host (telemetry-v1 "MQTT").</summary>
public sealed class EmbeddedBrokerTests(MqttHost host) : IClassFixture<MqttHost>
{
    private async Task<int> TicketsIssued(string ward) => (await host.Get($"/api/v1/wards/{ward}")).GetProperty("ticketsIssued").GetInt32();

    [Fact]
    public async Task A_batch_is_applied_by_the_time_its_PUBACK_arrives_and_the_same_batch_again_counts_once()
    {
        var key = await host.Provision("robot-mq1", "robot", "00004");
        await using var device = await MqttDevice.Connect(host.MqttPort, "robot-mq1", key);
        Assert.Equal(MqttClientConnectResultCode.Success, device.Connack.ResultCode);
        var batch = new[] { Issued("robot-mq1", "00004", host.Now, "A001", "ho-tich"), Issued("robot-mq1", "00004", host.Now, "A002", "dat-dai") };

        var ack = await device.Publish(DeviceTopics.Of("00004", "robot-mq1"), batch);
        Assert.Equal(MqttClientPublishReasonCode.Success, ack.ReasonCode);
        // No waiting: the PUBACK means applied and stored.
        Assert.Equal(2, await TicketsIssued("00004"));

        var again = await device.Publish(DeviceTopics.Of("00004", "robot-mq1"), batch);
        Assert.Equal(MqttClientPublishReasonCode.Success, again.ReasonCode);
        Assert.Equal(2, await TicketsIssued("00004"));
    }

    [Fact]
    public async Task A_wrong_password_or_someone_elses_id_is_refused_at_CONNACK()
    {
        var key = await host.Provision("robot-mq2", "robot", "00008");
        await using var wrong = await MqttDevice.Connect(host.MqttPort, "robot-mq2", "iocd_not-the-key");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong.Connack.ResultCode);
        await using var other = await MqttDevice.Connect(host.MqttPort, "robot-someone-else", key);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, other.Connack.ResultCode);
        await using var v3 = await MqttDevice.Connect(host.MqttPort, "robot-mq2", "wrong", MqttProtocolVersion.V311);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, v3.Connack.ResultCode);
    }

    [Fact]
    public async Task A_rotated_key_is_refused_at_once_also_on_a_connection_opened_before()
    {
        var key = await host.Provision("kiosk-mq3", "kiosk", "00070");
        await using var device = await MqttDevice.Connect(host.MqttPort, "kiosk-mq3", key);
        var r = await host.Send(HttpMethod.Post, "/api/v1/devices/kiosk-mq3/key", await host.AdminToken());
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);

        await Assert.ThrowsAnyAsync<Exception>(() => device.Publish(DeviceTopics.Of("00070", "kiosk-mq3"), Issued("kiosk-mq3", "00070", host.Now, "A1", "ho-tich")));
        Assert.Equal(0, await TicketsIssued("00070"));
        await using var again = await MqttDevice.Connect(host.MqttPort, "kiosk-mq3", key);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, again.Connack.ResultCode);
        var fresh = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        await using var renewed = await MqttDevice.Connect(host.MqttPort, "kiosk-mq3", fresh);
        Assert.Equal(MqttClientConnectResultCode.Success, renewed.Connack.ResultCode);
    }

    [Fact]
    public async Task Another_devices_or_wards_topic_is_not_authorized_and_changes_nothing()
    {
        var key = await host.Provision("kiosk-mq4", "kiosk", "00082");
        await using var device = await MqttDevice.Connect(host.MqttPort, "kiosk-mq4", key);
        await device.Subscribe(DeviceTopics.Errors("00082", "kiosk-mq4"));
        var before = await TicketsIssued("00091");

        var otherWard = await device.Publish(DeviceTopics.Of("00091", "kiosk-mq4"), Issued("kiosk-mq4", "00091", host.Now, "A1", "ho-tich"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherWard.ReasonCode);
        var (topic, problem, _) = await device.Next();
        Assert.Equal(DeviceTopics.Errors("00082", "kiosk-mq4"), topic);
        Assert.Equal(403, problem.GetProperty("status").GetInt32());
        Assert.Equal([(-1, "topic")], ProblemAnswers.Errors(problem));

        var otherDevice = await device.Publish(DeviceTopics.Of("00082", "kiosk-other"), Issued("kiosk-mq4", "00082", host.Now, "A2", "ho-tich"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, otherDevice.ReasonCode);
        // Its own topic, but an event of another ward inside: the same 403 as HTTP, naming the event.
        var inside = await device.Publish(DeviceTopics.Of("00082", "kiosk-mq4"),
            Issued("kiosk-mq4", "00082", host.Now, "A3", "ho-tich"), Issued("kiosk-mq4", "00091", host.Now, "A4", "ho-tich"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, inside.ReasonCode);
        Assert.StartsWith("1 ward:", inside.ReasonString);

        Assert.Equal(before, await TicketsIssued("00091"));
        Assert.Equal(0, await TicketsIssued("00082"));
    }

    [Fact]
    public async Task A_device_may_subscribe_to_its_own_errors_topic_only()
    {
        var key = await host.Provision("robot-mq5", "robot", "00097");
        await using var device = await MqttDevice.Connect(host.MqttPort, "robot-mq5", key);
        foreach (var filter in new[] { DeviceTopics.Errors("00097", "robot-other"), "ioc/v1/#", DeviceTopics.Of("00097", "robot-mq5") })
        {
            var r = await device.Client.SubscribeAsync(filter, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, r.Items.Single().ResultCode);
        }
        var shared = await device.Client.SubscribeAsync(DeviceTopics.SharedSubscription, MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        Assert.Equal(MqttClientSubscribeResultCode.SharedSubscriptionsNotSupported, shared.Items.Single().ResultCode);
    }

    [Fact]
    public async Task An_invalid_batch_gets_0x99_with_the_first_error_and_a_problem_on_the_errors_topic_and_nothing_is_applied()
    {
        var key = await host.Provision("kiosk-mq6", "kiosk", "00103");
        await using var device = await MqttDevice.Connect(host.MqttPort, "kiosk-mq6", key);
        await device.Subscribe(DeviceTopics.Errors("00103", "kiosk-mq6"));

        var ack = await device.Publish(DeviceTopics.Of("00103", "kiosk-mq6"),
            Issued("kiosk-mq6", "00103", host.Now, "A1", "ho-tich"), Issued("kiosk-mq6", "00103", host.Now, "A2", "not-a-service"));
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, ack.ReasonCode);
        Assert.StartsWith("1 service:", ack.ReasonString);
        var (_, problem, message) = await device.Next();
        Assert.Equal("application/problem+json", message.ContentType);
        Assert.False(message.Retain);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal([(1, "service")], ProblemAnswers.Errors(problem));

        var malformed = await device.Publish(DeviceTopics.Of("00103", "kiosk-mq6"), "{\"events\": [");
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, malformed.ReasonCode);
        Assert.Equal([(-1, "body")], ProblemAnswers.Errors((await device.Next()).Body));
        Assert.Equal(0, await TicketsIssued("00103"));
    }

    [Fact]
    public async Task A_payload_over_1_MiB_is_refused_as_packet_too_large()
    {
        var key = await host.Provision("kiosk-mq7", "kiosk", "00118");
        await using var device = await MqttDevice.Connect(host.MqttPort, "kiosk-mq7", key);
        var ack = await device.Publish(DeviceTopics.Of("00118", "kiosk-mq7"), "{\"events\": [], \"pad\": \"" + new string('x', 1024 * 1024) + "\"}");
        Assert.Equal((MqttClientPublishReasonCode)0x95, ack.ReasonCode);
    }

    [Fact]
    public async Task A_device_over_its_rate_limit_gets_quota_exceeded_with_Retry_After()
    {
        var key = await host.Provision("robot-mq8", "robot", "00127");
        await using var device = await MqttDevice.Connect(host.MqttPort, "robot-mq8", key);
        MqttClientPublishResult? last = null;
        for (var i = 0; i < 20 && last?.ReasonCode != MqttClientPublishReasonCode.QuotaExceeded; i++)
            last = await device.Publish(DeviceTopics.Of("00127", "robot-mq8"), RobotState("robot-mq8", "00127", host.Now.AddSeconds(i)));
        Assert.Equal(MqttClientPublishReasonCode.QuotaExceeded, last!.ReasonCode);
        Assert.Contains(last.UserProperties, p => p.Name == "Retry-After" && int.Parse(System.Text.Encoding.UTF8.GetString(p.ValueBuffer.Span)) >= 1);
    }

    [Fact]
    public async Task An_MQTT_3_1_1_device_publishes_and_hears_its_refusals_on_the_errors_topic()
    {
        var key = await host.Provision("counter-mq9", "counter", "00136");
        await using var device = await MqttDevice.Connect(host.MqttPort, "counter-mq9", key, MqttProtocolVersion.V311);
        Assert.Equal(MqttClientConnectResultCode.Success, device.Connack.ResultCode);
        await device.Subscribe(DeviceTopics.Errors("00136", "counter-mq9"));

        await device.Publish(DeviceTopics.Of("00136", "counter-mq9"), Issued("counter-mq9", "00136", host.Now, "B1", "ho-tich", "counter"));
        Assert.Equal(1, await TicketsIssued("00136"));

        // 3.1.1 has no reason codes: the refusal comes only on the errors topic.
        await device.Publish(DeviceTopics.Of("00136", "counter-mq9"), Issued("counter-mq9", "00136", host.Now, "B2", "ho-tich", "fax"));
        var (topic, problem, _) = await device.Next();
        Assert.Equal(DeviceTopics.Errors("00136", "counter-mq9"), topic);
        Assert.Equal([(0, "channel")], ProblemAnswers.Errors(problem));
        Assert.Equal(1, await TicketsIssued("00136"));
    }

    [Fact]
    public async Task Readiness_includes_the_broker()
    {
        var health = await host.Get("/healthz/ready");
        var mqtt = health.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "mqtt");
        Assert.Equal("Healthy", mqtt.GetProperty("status").GetString());
        Assert.Contains(host.MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture), mqtt.GetProperty("description").GetString());
    }
}
