using System.Globalization;
using System.Text.Json;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Microsoft.AspNetCore.Http;
using MQTTnet;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Ioc.Ingest.Mqtt;

/// <summary>The spec's "MQTT" section: an <see cref="IntakeOutcome"/> as a PUBACK reason code and a problem+json on the errors topic.</summary>
public static class MqttAnswer
{
    /// <summary>0x95 packet too large: not among MQTT 5's PUBACK codes, but what telemetry-v1 promises for a 413.</summary>
    public const MqttPubAckReasonCode PacketTooLarge = (MqttPubAckReasonCode)0x95;

    public static MqttPubAckReasonCode ReasonCode(int status) => status switch
    {
        StatusCodes.Status202Accepted => MqttPubAckReasonCode.Success,
        StatusCodes.Status400BadRequest => MqttPubAckReasonCode.PayloadFormatInvalid,
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => MqttPubAckReasonCode.NotAuthorized,
        StatusCodes.Status413PayloadTooLarge => PacketTooLarge,
        StatusCodes.Status429TooManyRequests => MqttPubAckReasonCode.QuotaExceeded,
        _ => MqttPubAckReasonCode.UnspecifiedError,
    };

    public static IntakeOutcome Forbidden(string message) =>
        IntakeOutcome.Refused(Problems.Details(StatusCodes.Status403Forbidden, "Key valid, but not for this device or ward",
            "Publish only to ioc/v1/{ward}/{deviceId} for the device and a ward its key may write.", [new FieldError(-1, "topic", message)]));

    /// <summary>The refusal a device hears on its errors topic: the body HTTP would have answered, QoS 1, not retained.</summary>
    public static MqttApplicationMessage ErrorMessage(string ward, string deviceId, IntakeOutcome outcome)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(DeviceTopics.Errors(ward, deviceId))
            .WithPayload(JsonSerializer.SerializeToUtf8Bytes(outcome.Problem, JsonSerializerOptions.Web))
            .WithContentType("application/problem+json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(false);
        if (RetryAfter(outcome) is { } seconds) builder.WithUserProperty("Retry-After", System.Text.Encoding.UTF8.GetBytes(seconds).AsMemory());
        return builder.Build();
    }

    /// <summary>Whole seconds to wait before sending again, as HTTP's <c>Retry-After</c>.</summary>
    public static string? RetryAfter(IntakeOutcome outcome) =>
        outcome.RetryAfter is { } r ? Math.Max(1, (int)Math.Ceiling(r.TotalSeconds)).ToString(CultureInfo.InvariantCulture) : null;

    public static List<MqttUserProperty>? RetryAfterProperty(IntakeOutcome outcome) =>
        RetryAfter(outcome) is { } s ? [new MqttUserProperty("Retry-After", System.Text.Encoding.UTF8.GetBytes(s).AsMemory())] : null;
}
