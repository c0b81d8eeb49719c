using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ioc.Simulator.Model;
using Ioc.Time;

namespace Ioc.Simulator.Http;

/// <summary>JSON as telemetry v1 wants it: camelCase, no nulls, RFC 3339 times in +07:00, UTF-8 text.</summary>
public static class TelemetryJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        o.Converters.Add(new HanoiTimeConverter());
        o.MakeReadOnly(populateMissingResolver: true);
        return o;
    }

    public static byte[] SerializeBatch(IReadOnlyList<SimEvent> events) =>
        JsonSerializer.SerializeToUtf8Bytes(new TelemetryBatch(events), Options);

    public static string Format(DateTimeOffset t) =>
        HanoiTime.ToLocal(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private sealed class HanoiTimeConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Format(value));
    }
}
