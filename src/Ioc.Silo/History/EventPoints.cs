using System.Globalization;
using Ioc.Grains;
using Ioc.History;
using Ioc.Silo.Wards;

namespace Ioc.Silo.History;

/// <summary>
/// A business event as one InfluxDB point of measurement <c>event</c> (tags <c>ward</c>, <c>type</c>, and
/// <c>service</c>/<c>channel</c> when it has them; fields <c>id</c>, <c>ticket</c>, <c>dossier</c>, <c>counter</c>,
/// <c>score</c>). InfluxDB identifies a point by series and timestamp, so the timestamp is the event's
/// <c>ts</c> in nanoseconds plus a nanosecond offset taken from the event's id: the same event always
/// lands on the same point (a retry, a replay or a restart rewrites it), and two events of one series in
/// the same millisecond land on two points (unless their ids collide in 10⁻⁶).
/// </summary>
public static class EventPoints
{
    public const string Measurement = "event";
    private const long NanosPerMilli = 1_000_000;

    public static Point Of(string ward, BusinessEvent e)
    {
        var point = new Point(Measurement).Tag("ward", ward).Tag("type", e.Type).Field("id", e.EventId);
        if (e.Service is { Length: > 0 } service) point.Tag("service", service);
        if (e.Channel is { Length: > 0 } channel) point.Tag("channel", channel);
        if (e.Ticket is { Length: > 0 } ticket) point.Field("ticket", ticket);
        if (e.Dossier is { Length: > 0 } dossier) point.Field("dossier", dossier);
        if (e.Counter is { Length: > 0 } counter) point.Field("counter", counter);
        if (e.Score is { } score) point.Field("score", score);
        return point;
    }

    /// <summary>The point's timestamp in nanoseconds (see the class remarks).</summary>
    public static long Nanoseconds(BusinessEvent e) =>
        e.Ts.ToUnixTimeMilliseconds() * NanosPerMilli + (long)(Ids.Hash(e.EventId) % NanosPerMilli);

    /// <summary>One line of line protocol with a nanosecond timestamp.</summary>
    public static string Line(string ward, BusinessEvent e) =>
        Of(ward, e).ToLineProtocol() + " " + Nanoseconds(e).ToString(CultureInfo.InvariantCulture);
}
