using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Ioc.Ingest.Devices;
using Ioc.Ingest.Telemetry;
using Ioc.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Ioc.Ingest.Mqtt;

/// <summary>
/// The center's own MQTT broker (the embedded default). A device signs in with its id and key,
/// publishes batches to its own topic and hears refusals on its errors topic; nothing is forwarded
/// anywhere else. The PUBACK is sent only when the interceptor returns, that is after the batch
/// went through <see cref="TelemetryIntake"/>: applied and stored, or refused with its reason code.
/// </summary>
public sealed class EmbeddedBroker(
    IOptions<MqttOptions> options,
    DeviceKeyCache keys,
    TelemetryIntake intake,
    IngestMetrics metrics,
    ILogger<EmbeddedBroker> logger) : IHostedService, IMqttTransport, IAsyncDisposable
{
    // The broker calls the publish interceptor for the center's own messages too; these items mark them.
    private readonly ConcurrentDictionary<object, object> _centerItems = new();
    private MqttServer? _server;
    private MqttServerOptions? _serverOptions;

    public string Name => $"embedded broker on port {Port}";

    public bool IsRunning => _server?.IsStarted == true;

    private readonly Lock _stopGate = new();
    private Task? _stopping;

    /// <summary>The plain MQTT port actually bound (the configured one, or the free one taken for 0).</summary>
    public int Port => _serverOptions?.DefaultEndpointOptions.Port ?? 0;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var builder = new MqttServerFactory().CreateServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(o.Port);
        if (o.BindAddress is { Length: > 0 } bind) builder.WithDefaultEndpointBoundIPAddress(IPAddress.Parse(bind));
        if (o.CertificatePath is { Length: > 0 } path)
            builder.WithEncryptedEndpoint().WithEncryptedEndpointPort(o.TlsPort)
                .WithEncryptionCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, o.CertificatePassword));
        _serverOptions = builder.Build();
        _server = new MqttServerFactory().CreateMqttServer(_serverOptions);
        _server.ValidatingConnectionAsync += SignIn;
        _server.InterceptingSubscriptionAsync += Subscribe;
        _server.InterceptingPublishAsync += Publish;
        await _server.StartAsync();
        logger.LogInformation("MQTT broker for devices on port {Port}", Port);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // One stop, however often asked (the host's stop and disposal may overlap on a slow shutdown).
        lock (_stopGate) return _stopping ??= Stop();
    }

    private async Task Stop()
    {
        if (_server is not { IsStarted: true } server) return;
        try
        {
            await server.StopAsync(new MqttServerStopOptions());
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // MQTTnet's listener can trip over its own client list while connections close; the broker is going away anyway.
            logger.LogWarning("MQTT broker stopped with an error: {Error}", e.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null) return;
        await StopAsync(CancellationToken.None);
        _server.Dispose();
        _server = null;
    }

    /// <summary>Username = device id, password = device key, checked like HTTP's bearer key (CONNACK 0x86 otherwise).</summary>
    private async Task SignIn(ValidatingConnectionEventArgs e)
    {
        var key = e.Password;
        var device = DeviceKeys.LooksLikeDeviceKey(key) ? await keys.FindAsync(key) : null;
        if (device is null || device.DeviceId != e.UserName)
        {
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            e.ReasonString = "Sign in with the device id as user name and its key as password.";
            return;
        }
        new DeviceSession(device, key).StoreIn(e.SessionItems);
    }

    /// <summary>A device may subscribe to its own errors topic(s) only.</summary>
    private static Task Subscribe(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        if (DeviceSession.Of(e.SessionItems) is { Device: var device }
            && device.Wards.Any(w => filter == DeviceTopics.Errors(w, device.DeviceId))) return Task.CompletedTask;
        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.Response.ReasonString = "A device may subscribe only to ioc/v1/{ward}/{deviceId}/errors.";
        return Task.CompletedTask;
    }

    private async Task Publish(InterceptingPublishEventArgs e)
    {
        if (ReferenceEquals(e.SessionItems, _centerItems)) return;
        // Devices' batches go to the grains, never on to other clients.
        e.ProcessPublish = false;
        if (DeviceSession.Of(e.SessionItems) is not { } session) return;

        // A key rotated since the device signed in is refused at once: it must sign in again (and is refused then).
        if (await keys.FindAsync(session.Key) is not { } device || device.DeviceId != session.Device.DeviceId)
        {
            e.CloseConnection = true;
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var topic = e.ApplicationMessage.Topic;
        IntakeOutcome outcome;
        var ward = "";
        if (!DeviceTopics.TryParse(topic, out ward, out var topicDevice) || topicDevice != device.DeviceId || !device.MayWrite(ward))
            outcome = MqttAnswer.Forbidden($"'{TextRules.Echo(topic)}' is not this device's topic");
        else if (intake.Admit(device) is { } limited) outcome = limited;
        else if (e.ApplicationMessage.Payload.Length > intake.MaxBodyBytes) outcome = TelemetryIntake.TooLarge(intake.MaxBodyBytes);
        // On a ward's topic a device writes that ward only: events for another are refused like HTTP's 403.
        else outcome = await intake.Apply(device with { Wards = [ward] }, Payload(e.ApplicationMessage), e.CancellationToken);
        metrics.Record(outcome, Stopwatch.GetElapsedTime(started));
        if (outcome.Accepted is not null) return;

        e.Response.ReasonCode = MqttAnswer.ReasonCode(outcome.Status);
        e.Response.ReasonString = outcome.FirstError;
        e.Response.UserProperties = MqttAnswer.RetryAfterProperty(outcome);
        // The errors topic exists for the device's own topics; a wrong topic's refusal goes to its first ward's.
        var errorsWard = device.MayWrite(ward) ? ward : device.Wards[0];
        await _server!.InjectApplicationMessage(new InjectedMqttApplicationMessage(MqttAnswer.ErrorMessage(errorsWard, device.DeviceId, outcome))
        {
            SenderClientId = "ioc-center",
            CustomSessionItems = _centerItems,
        });
    }

    private static ReadOnlyMemory<byte> Payload(MqttApplicationMessage message) =>
        message.Payload.IsSingleSegment ? message.Payload.First : System.Buffers.BuffersExtensions.ToArray(message.Payload);
}
