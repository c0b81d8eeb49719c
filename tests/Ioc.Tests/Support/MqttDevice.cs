using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Ioc.Tests.Support;

/// <summary>A device speaking MQTT as a vendor's firmware would, with a real MQTTnet client.</summary>
public sealed class MqttDevice : IAsyncDisposable
{
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private MqttDevice(IMqttClient client)
    {
        Client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(e.ApplicationMessage);
            return Task.CompletedTask;
        };
    }

    public IMqttClient Client { get; }

    public MqttClientConnectResult Connack { get; private set; } = null!;

    public static async Task<MqttDevice> Connect(int port, string username, string password,
        MqttProtocolVersion version = MqttProtocolVersion.V500, string? clientId = null)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithCredentials(username, password)
            .WithClientId(clientId ?? $"{username}-{Guid.NewGuid():N}")
            .WithProtocolVersion(version)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        // Listening before connecting: nothing the broker sends is missed.
        var device = new MqttDevice(client);
        device.Connack = await client.ConnectAsync(options);
        return device;
    }

    public async Task Subscribe(string topic)
    {
        var r = await Client.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        var code = r.Items.Single().ResultCode;
        Assert.True(code == MqttClientSubscribeResultCode.GrantedQoS1, $"subscribe {topic}: {code}");
    }

    public Task<MqttClientPublishResult> Publish(string topic, string json) =>
        Client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(json)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public Task<MqttClientPublishResult> Publish(string topic, params JsonObject[] events) =>
        Publish(topic, new JsonObject { ["events"] = new JsonArray([.. events.Select(e => e.DeepClone())]) }.ToJsonString());

    /// <summary>The next message the broker sends this device, within a timeout.</summary>
    public async Task<(string Topic, JsonElement Body, MqttApplicationMessage Message)> Next(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var m = await _received.Reader.ReadAsync(cts.Token);
        return (m.Topic, JsonDocument.Parse(Encoding.UTF8.GetString(m.Payload)).RootElement, m);
    }

    /// <summary>Whether any message arrived by now (for "nothing was sent" after the PUBACK that would have come with it).</summary>
    public bool HasReceived => _received.Reader.Count > 0;

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
            try { await Client.DisconnectAsync(); } catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException) { }
        Client.Dispose();
    }
}
