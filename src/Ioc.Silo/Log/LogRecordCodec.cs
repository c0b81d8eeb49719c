using System.Buffers.Binary;
using Ioc.Grains;
using Ioc.Silo.Wards;
using Orleans.Serialization;

namespace Ioc.Silo.Log;

/// <summary>
/// A log record as bytes: seq, arrival (Unix ms), estimate (or none), then the event in Orleans'
/// version-tolerant binary form (new optional fields of the event keep old records readable).
/// </summary>
public sealed class LogRecordCodec(Serializer serializer)
{
    private const int Header = 8 + 8 + 4 + 4;
    private const int NoEstimate = int.MinValue;

    public byte[] Encode(LogRecord r)
    {
        var body = serializer.SerializeToArray(r.Event);
        var bytes = new byte[Header + body.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, r.Seq);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), r.ArrivedAt.ToUnixTimeMilliseconds());
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), r.Estimate?.Told ?? NoEstimate);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), r.Estimate?.Forecast ?? NoEstimate);
        body.CopyTo(bytes, Header);
        return bytes;
    }

    public LogRecord Decode(ReadOnlySpan<byte> bytes)
    {
        var seq = BinaryPrimitives.ReadInt64BigEndian(bytes);
        var arrived = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
        var told = BinaryPrimitives.ReadInt32BigEndian(bytes[16..]);
        var forecast = BinaryPrimitives.ReadInt32BigEndian(bytes[20..]);
        var e = serializer.Deserialize<BusinessEvent>(bytes[Header..].ToArray())!;
        return new LogRecord(seq, arrived, e, told == NoEstimate ? null : new IssueEstimate(told, forecast));
    }

    public byte[] Encode<T>(T value) => serializer.SerializeToArray(value);

    public T Decode<T>(byte[] bytes) => serializer.Deserialize<T>(bytes)!;
}
