using System.Buffers;
using System.Text.Json;
using MessagePack;

namespace Ioc.Dashboard.Live;

/// <summary>
/// The same document in MessagePack: objects become maps with the same (camelCase) keys, arrays
/// arrays, strings strings (so times keep their +07:00 text), whole numbers integers, other numbers
/// float64, true/false/null as such.
/// </summary>
public static class JsonToMessagePack
{
    /// <summary>The members of a JSON object, each key followed by its value, and their number.</summary>
    public static (byte[] Entries, int Count) ObjectEntries(ReadOnlyMemory<byte> json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new ArgumentException("A live-feed body is a JSON object.", nameof(json));
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        var writer = new MessagePackWriter(buffer);
        var count = 0;
        foreach (var member in root.EnumerateObject())
        {
            writer.Write(member.Name);
            Write(ref writer, member.Value);
            count++;
        }
        writer.Flush();
        return (buffer.WrittenSpan.ToArray(), count);
    }

    private static void Write(ref MessagePackWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var members = 0;
                foreach (var _ in value.EnumerateObject()) members++;
                writer.WriteMapHeader(members);
                foreach (var member in value.EnumerateObject())
                {
                    writer.Write(member.Name);
                    Write(ref writer, member.Value);
                }
                break;
            case JsonValueKind.Array:
                writer.WriteArrayHeader(value.GetArrayLength());
                foreach (var item in value.EnumerateArray()) Write(ref writer, item);
                break;
            case JsonValueKind.String:
                writer.Write(value.GetString());
                break;
            case JsonValueKind.Number:
                if (value.TryGetInt64(out var whole)) writer.Write(whole);
                else writer.Write(value.GetDouble());
                break;
            case JsonValueKind.True:
                writer.Write(true);
                break;
            case JsonValueKind.False:
                writer.Write(false);
                break;
            default:
                writer.WriteNil();
                break;
        }
    }
}
