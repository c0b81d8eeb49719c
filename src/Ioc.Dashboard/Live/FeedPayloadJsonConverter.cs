using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ioc.Dashboard.Live;

/// <summary>Writes a <see cref="FeedPayload"/>'s JSON as it is (the server only sends them).</summary>
public sealed class FeedPayloadJsonConverter : JsonConverter<FeedPayload>
{
    public override FeedPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Live-feed frames are sent by the server only.");

    public override void Write(Utf8JsonWriter writer, FeedPayload value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json.Span, skipInputValidation: true);
}
