using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Ioc.Grains;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace Ioc.Ingest.Mqtt;

/// <summary>
/// Provisions devices on Mosquitto through its dynamic-security plugin (<c>$CONTROL/dynamic-security/v1</c>):
/// a role <c>device-{id}</c> that may publish only to <c>ioc/v1/{ward}/{id}</c> and subscribe only to its
/// <c>/errors</c>, for each ward the key may write, and a client named by the device id with its key as password.
/// </summary>
public sealed class MosquittoAccounts(IOptions<MqttOptions> options) : IDeviceBrokerAccounts, IAsyncDisposable
{
    private const string CommandTopic = "$CONTROL/dynamic-security/v1";
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Channel<JsonNode> _responses = Channel.CreateUnbounded<JsonNode>();
    private IMqttClient? _client;

    public async Task Upsert(DeviceInfo device, string key, CancellationToken cancellationToken = default)
    {
        var role = $"device-{device.DeviceId}";
        var acls = new JsonArray();
        foreach (var ward in device.Wards)
        {
            acls.Add(Acl("publishClientSend", DeviceTopics.Of(ward, device.DeviceId)));
            acls.Add(Acl("subscribeLiteral", DeviceTopics.Errors(ward, device.DeviceId)));
        }
        await _one.WaitAsync(cancellationToken);
        try
        {
            var created = await Run(cancellationToken,
                new JsonObject { ["command"] = "createRole", ["rolename"] = role, ["acls"] = acls },
                new JsonObject { ["command"] = "createClient", ["username"] = device.DeviceId, ["password"] = key,
                    ["roles"] = new JsonArray(new JsonObject { ["rolename"] = role }) });
            // Known already (a rotation, or a retry): the role's ACLs are set again and the key replaces the old one.
            if (created.Any(r => r["error"] is not null))
                Check(await Run(cancellationToken,
                    new JsonObject { ["command"] = "modifyRole", ["rolename"] = role, ["acls"] = acls.DeepClone() },
                    new JsonObject { ["command"] = "setClientPassword", ["username"] = device.DeviceId, ["password"] = key },
                    new JsonObject { ["command"] = "addClientRole", ["username"] = device.DeviceId, ["rolename"] = role }),
                    ignore: "addClientRole");
        }
        finally
        {
            _one.Release();
        }
    }

    private static JsonObject Acl(string type, string topic) => new() { ["acltype"] = type, ["topic"] = topic, ["allow"] = true };

    private static void Check(IReadOnlyList<JsonNode> responses, string ignore)
    {
        foreach (var r in responses)
            if (r["error"] is { } error && r["command"]?.GetValue<string>() != ignore)
                throw new InvalidOperationException($"Mosquitto refused {r["command"]}: {error}");
    }

    private async Task<IReadOnlyList<JsonNode>> Run(CancellationToken cancellationToken, params JsonObject[] commands)
    {
        var client = await Connected(cancellationToken);
        var payload = new JsonObject { ["commands"] = new JsonArray([.. commands]) }.ToJsonString();
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(CommandTopic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(), cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AnswerTimeout);
        var answer = await _responses.Reader.ReadAsync(timeout.Token);
        return [.. answer["responses"]!.AsArray().Select(r => r!)];
    }

    private async Task<IMqttClient> Connected(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } c) return c;
        _client?.Dispose();
        var o = options.Value;
        var (host, port) = BrokerAddress.Parse(o.Broker!);
        var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += e =>
        {
            _responses.Writer.TryWrite(JsonNode.Parse(Encoding.UTF8.GetString(e.ApplicationMessage.Payload))!);
            return Task.CompletedTask;
        };
        var connected = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port)
            .WithCredentials(o.AdminUsername, o.AdminPassword).WithClientId($"ioc-admin-{Guid.NewGuid():N}").Build(), cancellationToken);
        if (connected.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"Mosquitto refused the admin account: {connected.ResultCode}");
        await client.SubscribeAsync($"{CommandTopic}/response", MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
        return _client = client;
    }

    public ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _one.Dispose();
        return ValueTask.CompletedTask;
    }
}
