using System.Collections.Concurrent;
using System.Diagnostics;
using Ioc.Grains;
using Ioc.Ingest.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace Ioc.Ingest.Mqtt;

/// <summary>
/// A cluster's ingest process on Mosquitto: one member of the shared subscription
/// <c>$share/ioc-ingest/ioc/v1/+/+</c>, QoS 1, on a persistent session. Each message is acknowledged to
/// the broker only after <see cref="TelemetryIntake"/> stored it (or refused it for good), so a message
/// this process received but had not stored comes again (to this session when it is back). Repeats are
/// counted once by event id.
/// </summary>
public sealed class BrokerSubscriber(
    IOptions<MqttOptions> options,
    IGrainFactory grains,
    TelemetryIntake intake,
    IngestMetrics metrics,
    ILogger<BrokerSubscriber> logger) : BackgroundService, IMqttTransport
{
    private const int Parallel = 32;
    private readonly SemaphoreSlim _slots = new(Parallel, Parallel);
    private readonly ConcurrentDictionary<string, (DeviceInfo? Device, DateTimeOffset Until)> _devices = new(StringComparer.Ordinal);
    private IMqttClient? _client;

    public string Name => $"subscription on {options.Value.Broker}";

    public bool IsRunning => _client?.IsConnected == true;

    public string ClientId { get; } = options.Value.ClientId is { Length: > 0 } id ? id : $"ioc-ingest-{Environment.MachineName}-{Environment.ProcessId}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var (host, port) = BrokerAddress.Parse(o.Broker!);
        using var client = new MqttClientFactory().CreateMqttClient();
        _client = client;
        client.ApplicationMessageReceivedAsync += e =>
        {
            // Acknowledged later, when stored; many messages are worked on at once (the broker's in-flight window).
            e.AutoAcknowledge = false;
            _ = Handle(e, stoppingToken);
            return Task.CompletedTask;
        };
        var connect = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithCredentials(o.Username, o.Password)
            .WithClientId(ClientId).WithCleanStart(false).WithSessionExpiryInterval(7 * 24 * 3600)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithReceiveMaximum(Parallel * 2).Build();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    var r = await client.ConnectAsync(connect, stoppingToken);
                    if (r.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"broker refused: {r.ResultCode}");
                    // Again on every connect (harmless on a kept session): a refusal shows here, not as silence.
                    var sub = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                        .WithTopicFilter(DeviceTopics.SharedSubscription, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken);
                    if (sub.Items.Single().ResultCode != MqttClientSubscribeResultCode.GrantedQoS1)
                        throw new InvalidOperationException($"broker refused {DeviceTopics.SharedSubscription}: {sub.Items.Single().ResultCode}");
                    logger.LogInformation("Taking devices' MQTT batches from {Broker} as {ClientId}", o.Broker, ClientId);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogWarning("MQTT broker {Broker}: {Error}; trying again", o.Broker, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        // Messages in hand are not acknowledged: the broker keeps them for this session.
        if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
    }

    private async Task Handle(MqttApplicationMessageReceivedEventArgs e, CancellationToken stopping)
    {
        await _slots.WaitAsync(stopping);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var m = e.ApplicationMessage;
            if (DeviceTopics.TryParse(m.Topic, out var ward, out var deviceId) && await Find(deviceId) is { } device && device.MayWrite(ward))
            {
                var payload = m.Payload.IsSingleSegment ? m.Payload.First : System.Buffers.BuffersExtensions.ToArray(m.Payload);
                var outcome = intake.Admit(device) ?? await intake.Apply(device with { Wards = [ward] }, payload, stopping);
                // "Cannot apply now" is not an answer to give the broker: keep the message and try again.
                while (outcome.Status == StatusCodes.Status503ServiceUnavailable && !stopping.IsCancellationRequested)
                {
                    await Task.Delay(outcome.RetryAfter ?? TimeSpan.FromSeconds(1), stopping);
                    outcome = await intake.Apply(device with { Wards = [ward] }, payload, stopping);
                }
                metrics.Record(outcome, Stopwatch.GetElapsedTime(started));
                if (outcome.Accepted is null)
                    await _client!.PublishAsync(MqttAnswer.ErrorMessage(ward, deviceId, outcome), stopping);
            }
            else logger.LogWarning("A message on {Topic} from no device that may write there; dropped", m.Topic);
            await e.AcknowledgeAsync(stopping);
        }
        catch (Exception x) when (x is OperationCanceledException || x is MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Stopping or disconnected before the acknowledgement: the broker sends the message again.
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>The broker authenticated the device; the registry says which wards it may write (briefly cached).</summary>
    private async Task<DeviceInfo?> Find(string deviceId)
    {
        var now = DateTimeOffset.UtcNow;
        if (_devices.TryGetValue(deviceId, out var hit) && hit.Until > now) return hit.Device;
        var device = await grains.GetGrain<IDeviceRegistryGrain>(0).Find(deviceId);
        _devices[deviceId] = (device, now.AddSeconds(5));
        return device;
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }
}
