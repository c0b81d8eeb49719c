using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace Ioc.Bench.Ingest;

/// <summary>
/// The fleet over MQTT (telemetry-v1 "MQTT"): one MQTT 5 connection per device (username = device id, password =
/// key), QoS 1 on <c>ioc/v1/{ward}/{deviceId}</c>. A PUBACK Success counts as a 202.
/// </summary>
public sealed class MqttDevices(string host, int port) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IMqttClient> _clients = new(StringComparer.Ordinal);

    /// <summary>Connects every device able to publish one topic (all but the dossier system, which writes many wards).</summary>
    public async Task<TimeSpan> ConnectAll(IEnumerable<Device> devices, int concurrency)
    {
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var factory = new MqttClientFactory();
        await Parallel.ForEachAsync(devices.Where(d => d.Ward is not null), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (d, ct) =>
        {
            var client = factory.CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithCredentials(d.Id, d.Key)
                .WithClientId($"{d.Id}-bench")
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500)
                .WithTimeout(TimeSpan.FromSeconds(60))
                .Build();
            var connack = await client.ConnectAsync(options, ct);
            if (connack.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"CONNACK for {d.Id}: {connack.ResultCode} {connack.ReasonString}");
            _clients[d.Id] = client;
        });
        return sw.Elapsed;
    }

    public static bool CanPublish(Device d) => d.Ward is not null;

    /// <summary>Publishes one batch and waits for its PUBACK: (202 when Success, else the reason code as a number, the reason).</summary>
    public async Task<(int Status, string Reason)> Publish(Device d, byte[] buffer, int length)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic($"ioc/v1/{d.Ward!.Code}/{d.Id}")
            .WithPayload(buffer.AsSpan(0, length).ToArray())
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var ack = await _clients[d.Id].PublishAsync(message);
        return ack.IsSuccess ? (202, "") : ((int)ack.ReasonCode, $"{ack.ReasonCode}: {ack.ReasonString}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values)
        {
            try { if (c.IsConnected) await c.DisconnectAsync(); } catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException) { }
            c.Dispose();
        }
    }
}
