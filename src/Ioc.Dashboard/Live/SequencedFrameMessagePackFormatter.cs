using MessagePack;
using MessagePack.Formatters;

namespace Ioc.Dashboard.Live;

/// <summary>Writes a map of <c>seq</c> and the shared body's members (transcoded once per frame).</summary>
public sealed class SequencedFrameMessagePackFormatter : IMessagePackFormatter<SequencedFrame>
{
    public void Serialize(ref MessagePackWriter writer, SequencedFrame value, MessagePackSerializerOptions options)
    {
        var (entries, count) = value.Body.MessagePackMembers;
        writer.WriteMapHeader(count + 1);
        writer.Write("seq");
        writer.Write(value.Seq);
        writer.WriteRaw(entries);
    }

    public SequencedFrame Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Live-feed frames are sent by the server only.");
}
