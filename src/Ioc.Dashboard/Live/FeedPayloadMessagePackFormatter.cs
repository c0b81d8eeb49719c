using MessagePack;
using MessagePack.Formatters;

namespace Ioc.Dashboard.Live;

/// <summary>Writes a <see cref="FeedPayload"/> as a MessagePack map of the same members as its JSON.</summary>
public sealed class FeedPayloadMessagePackFormatter : IMessagePackFormatter<FeedPayload>
{
    public void Serialize(ref MessagePackWriter writer, FeedPayload value, MessagePackSerializerOptions options)
    {
        var (entries, count) = value.MessagePackMembers;
        writer.WriteMapHeader(count);
        writer.WriteRaw(entries);
    }

    public FeedPayload Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
        throw new NotSupportedException("Live-feed frames are sent by the server only.");
}
