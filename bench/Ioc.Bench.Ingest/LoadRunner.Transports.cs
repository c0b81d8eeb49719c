using System.Net.Http.Headers;
using System.Text;

namespace Ioc.Bench.Ingest;

/// <summary>The two ways a batch leaves the generator: POST /api/v1/telemetry, or a QoS 1 publish on the device's topic.</summary>
public sealed partial class LoadRunner
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private async Task<(int Status, byte[] Body)> Post(Device device, BatchBuilder builder)
    {
        using var content = new ByteArrayContent(builder.Json.Buffer, 0, builder.Json.Length);
        content.Headers.ContentType = JsonType;
        using var request = new HttpRequestMessage(HttpMethod.Post, _telemetry) { Content = content };
        request.Headers.Authorization = device.Auth;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (0, Encoding.UTF8.GetBytes($"{e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>Over MQTT: a refusal's reason code maps back to the HTTP status it stands for (0x97 → 429, 0x99 → 400, 0x87 → 403).</summary>
    private async Task<(int Status, byte[] Body)> Publish(Device device, BatchBuilder builder)
    {
        try
        {
            var (code, reason) = await _mqtt!.Publish(device, builder.Json.Buffer, builder.Json.Length);
            var status = code switch { 202 => 202, 0x97 => 429, 0x99 => 400, 0x87 => 403, 0x95 => 413, _ => 503 };
            return (status, Encoding.UTF8.GetBytes(reason));
        }
        catch (Exception e) when (e is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            return (0, Encoding.UTF8.GetBytes($"{e.GetType().Name}: {e.Message}"));
        }
    }
}
