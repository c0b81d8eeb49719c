using System.Globalization;
using System.Text;

namespace Ioc.Bench.Ledger;

/// <summary>
/// Batches of 100 business events of one ward as a kiosk and its desks send them through a day: tickets
/// issued, called and served, and ratings. Every event has a fresh id and a ticket label of its own.
/// </summary>
public sealed class Batches(string runId)
{
    private long _seq;

    public static string Ts(DateTimeOffset t) => t.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>32 tickets (issued, called, served) and 4 ratings: 100 events.</summary>
    public string Day(string device, string ward, DateTimeOffset now)
    {
        var sb = new StringBuilder(24_000).Append("{\"events\":[");
        for (var i = 0; i < 32; i++)
        {
            var n = Interlocked.Increment(ref _seq);
            var ticket = $"T{n:x}";
            Event(sb, "ticket.issued", device, ward, now.AddSeconds(-600), $"\"ticket\":\"{ticket}\",\"service\":\"ho-tich\",\"channel\":\"kiosk\"");
            Event(sb, "ticket.called", device, ward, now.AddSeconds(-120), $"\"ticket\":\"{ticket}\",\"counter\":\"{1 + n % 4}\"");
            Event(sb, "ticket.served", device, ward, now, $"\"ticket\":\"{ticket}\",\"counter\":\"{1 + n % 4}\"");
        }
        for (var i = 0; i < 4; i++) Event(sb, "rating.submitted", device, ward, now, $"\"score\":{1 + i}");
        sb.Length--;
        return sb.Append("]}").ToString();
    }

    public string One(string device, string ward, DateTimeOffset now, out string id)
    {
        var sb = new StringBuilder(400).Append("{\"events\":[");
        id = Event(sb, "rating.submitted", device, ward, now, "\"score\":5");
        sb.Length--;
        return sb.Append("]}").ToString();
    }

    private string Event(StringBuilder sb, string type, string device, string ward, DateTimeOffset ts, string fields)
    {
        var id = $"{runId}-{Interlocked.Increment(ref _seq):x}";
        sb.Append("{\"type\":\"").Append(type).Append("\",\"id\":\"").Append(id).Append("\",\"deviceId\":\"").Append(device)
          .Append("\",\"ward\":\"").Append(ward).Append("\",\"ts\":\"").Append(Ts(ts)).Append("\",").Append(fields).Append("},");
        return id;
    }
}
