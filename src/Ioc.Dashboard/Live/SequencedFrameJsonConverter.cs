using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ioc.Dashboard.Live;

/// <summary>Writes <c>{"seq":N,</c> and then the shared body's members, without serializing the body again.</summary>
public sealed class SequencedFrameJsonConverter : JsonConverter<SequencedFrame>
{
    public override SequencedFrame Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Live-feed frames are sent by the server only.");

    public override void Write(Utf8JsonWriter writer, SequencedFrame value, JsonSerializerOptions options)
    {
        var body = value.Body.Json.Span;
        var head = Encoding.UTF8.GetBytes("{\"seq\":" + value.Seq.ToString(CultureInfo.InvariantCulture));
        // body is "{…}": its members follow the seq after a comma ("{}" has none).
        var members = body.Length > 2 ? body[1..] : "}"u8;
        var length = head.Length + (body.Length > 2 ? 1 : 0) + members.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            head.CopyTo(buffer, 0);
            var at = head.Length;
            if (body.Length > 2) buffer[at++] = (byte)',';
            members.CopyTo(buffer.AsSpan(at));
            writer.WriteRawValue(buffer.AsSpan(0, length), skipInputValidation: true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
