using System.Text.Json;
using System.Text.Json.Serialization;
using Ioc.Dashboard.Api;
using MessagePack;

namespace Ioc.Dashboard.Live;

/// <summary>
/// A live-feed message body serialized once (JSON as <see cref="IocJson.Feed"/> writes it: times in
/// +07:00, alerts with their title) however many connections it goes to. The MessagePack protocol
/// carries the very same document, transcoded once from that JSON, so both protocols hold the
/// same fields, names and values.
/// </summary>
[JsonConverter(typeof(FeedPayloadJsonConverter))]
[MessagePackFormatter(typeof(FeedPayloadMessagePackFormatter))]
public sealed class FeedPayload
{
    private readonly Lazy<(byte[] Entries, int Count)> _messagePack;

    private FeedPayload(byte[] json)
    {
        Json = json;
        _messagePack = new(() => JsonToMessagePack.ObjectEntries(json));
    }

    /// <summary>One JSON object, UTF-8.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The object's members in MessagePack (key, value, key, value …) and how many there are.</summary>
    public (byte[] Entries, int Count) MessagePackMembers => _messagePack.Value;

    public static FeedPayload Of<T>(T value) where T : notnull => new(JsonSerializer.SerializeToUtf8Bytes(value, IocJson.Feed));
}
