using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using MQTTnet;
using MQTTnet.Protocol;

namespace Ioc.Simulator.Transport;

/// <summary>
/// Devices that speak MQTT: one connection per device (user = device id, password = key), a batch per
/// ward to <c>ioc/v1/{ward}/{deviceId}</c> at QoS 1. The PUBACK's reason code is read as the HTTP status it
/// stands for (telemetry-v1 "MQTT"), so the runner retries exactly as for HTTP.
/// </summary>
internal sealed class MqttDevices(string broker) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, IMqttClient> _clients = new(StringComparer.Ordinal);
    private readonly (string Host, int Port) _broker = Parse(broker);

    public async Task<TelemetryResponse> SendAsync(string deviceId, string key, IReadOnlyList<SimEvent> batch, CancellationToken ct)
    {
        try
        {
            var client = await Connected(deviceId, key, ct).ConfigureAwait(false);
            if (client is null) return new TelemetryResponse(HttpStatusCode.Unauthorized, null, 0, 0, "CONNACK refused", null);
            foreach (var ward in batch.GroupBy(e => e.Ward))
            {
                var message = new MqttApplicationMessageBuilder().WithTopic($"ioc/v1/{ward.Key}/{deviceId}")
                    .WithPayload(TelemetryJson.SerializeBatch([.. ward])).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
                var ack = await client.PublishAsync(message, ct).ConfigureAwait(false);
                if (!ack.IsSuccess) return new TelemetryResponse(StatusOf(ack.ReasonCode), RetryAfter(ack), 0, 0, ack.ReasonString, null);
            }
            // A PUBACK does not count duplicates: every event is reported as accepted.
            return new TelemetryResponse(HttpStatusCode.Accepted, null, batch.Count, 0, null, null);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            Forget(deviceId);
            return new TelemetryResponse(null, null, 0, 0, null, ex);
        }
    }

    /// <summary>A new key: the old connection is closed, the next send signs in with the new one.</summary>
    public void Forget(string deviceId)
    {
        if (_clients.TryRemove(deviceId, out var old)) old.Dispose();
    }

    private async Task<IMqttClient?> Connected(string deviceId, string key, CancellationToken ct)
    {
        if (_clients.TryGetValue(deviceId, out var c) && c.IsConnected) return c;
        Forget(deviceId);
        var client = new MqttClientFactory().CreateMqttClient();
        var r = await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(_broker.Host, _broker.Port)
            .WithCredentials(deviceId, key).WithClientId($"{deviceId}-sim").WithTimeout(TimeSpan.FromSeconds(30)).Build(), ct).ConfigureAwait(false);
        if (r.ResultCode != MqttClientConnectResultCode.Success)
        {
            client.Dispose();
            return null;
        }
        _clients[deviceId] = client;
        return client;
    }

    private static HttpStatusCode StatusOf(MqttClientPublishReasonCode code) => (int)code switch
    {
        0x99 => HttpStatusCode.BadRequest,
        0x87 => HttpStatusCode.Forbidden,
        0x95 => HttpStatusCode.RequestEntityTooLarge,
        0x97 => HttpStatusCode.TooManyRequests,
        _ => HttpStatusCode.ServiceUnavailable,
    };

    private static TimeSpan? RetryAfter(MqttClientPublishResult ack) =>
        ack.UserProperties?.FirstOrDefault(p => p.Name == "Retry-After") is { } p
        && int.TryParse(System.Text.Encoding.UTF8.GetString(p.ValueBuffer.Span), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s) : null;

    private static (string, int) Parse(string address)
    {
        var colon = address.LastIndexOf(':');
        return colon < 0 ? (address, 1883) : (address[..colon], int.Parse(address[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    public ValueTask DisposeAsync()
    {
        foreach (var c in _clients.Values) c.Dispose();
        _clients.Clear();
        return ValueTask.CompletedTask;
    }
}
