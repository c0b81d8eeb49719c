using System.Globalization;
using System.Text;

namespace Ioc.Bench.Parse;

/// <summary>
/// Request bodies shaped as the ingest generator sends them: a robot's buffered states (pose,
/// battery, mode) at 10 Hz and, at the business share, tickets issued and called in its ward.
/// </summary>
public static class Bodies
{
    public static byte[] Robot(string deviceId, string ward, int events, int business, DateTimeOffset end, Random rng)
    {
        var sb = new StringBuilder("{\"events\":[");
        var states = events - business;
        for (var i = 0; i < states; i++)
        {
            var ts = end.AddMilliseconds(-100 * (states - 1 - i)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
            if (i > 0) sb.Append(',');
            sb.Append(CultureInfo.InvariantCulture,
                $"{{\"type\":\"robot.state\",\"id\":\"bench-{deviceId}-{i:x}\",\"deviceId\":\"{deviceId}\",\"ward\":\"{ward}\",\"ts\":\"{ts}\",")
              .Append(CultureInfo.InvariantCulture,
                $"\"pose\":{{\"x\":{rng.NextDouble() * 20:0.000},\"y\":{rng.NextDouble() * 16:0.000},\"yaw\":{rng.NextDouble() * 6 - 3:0.000},\"floor\":\"G\"}},")
              .Append(CultureInfo.InvariantCulture, $"\"battery\":{40 + rng.NextDouble() * 60:0.000},\"mode\":\"guiding\"}}");
        }
        var now = end.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        for (var b = 0; b < business; b++)
        {
            sb.Append(',');
            sb.Append(b % 2 == 0
                ? $"{{\"type\":\"ticket.issued\",\"id\":\"bench-{deviceId}-t{b}\",\"deviceId\":\"{deviceId}\",\"ward\":\"{ward}\",\"ts\":\"{now}\",\"ticket\":\"A{b:000}\",\"service\":\"ho-tich\",\"channel\":\"robot\"}}"
                : $"{{\"type\":\"rating.submitted\",\"id\":\"bench-{deviceId}-r{b}\",\"deviceId\":\"{deviceId}\",\"ward\":\"{ward}\",\"ts\":\"{now}\",\"score\":5,\"ticket\":\"A{b - 1:000}\"}}");
        }
        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }
}
