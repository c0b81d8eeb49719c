using System.Text.Json.Serialization;
using MessagePack;

namespace Ioc.Dashboard.Live;

/// <summary>
/// A <c>wall</c> or <c>wallDelta</c> frame for one connection: its <c>seq</c> (one more than the
/// frame before on that connection) and the body shared by every connection that gets the same
/// frame. On the wire <c>seq</c> is the body's first member: <c>{seq, at, wards, totals, alertsOpen}</c>.
/// </summary>
[JsonConverter(typeof(SequencedFrameJsonConverter))]
[MessagePackFormatter(typeof(SequencedFrameMessagePackFormatter))]
public sealed record SequencedFrame(long Seq, FeedPayload Body);
