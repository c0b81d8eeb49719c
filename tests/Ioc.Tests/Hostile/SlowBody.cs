using System.Net.Sockets;
using System.Text;

namespace Ioc.Tests.Hostile;

/// <summary>
/// Bodies that HttpClient will not send: a Content-Length larger than what comes (the client then
/// waits, or hangs up its side), and a body dribbled a byte at a time. Written on a raw socket.
/// </summary>
public static class SlowBody
{
    public enum Mode { Stall, HalfClose, Trickle }

    public static async Task<(int Status, string Response)> Send(Uri baseUrl, string key, Mode mode, CancellationToken ct)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseUrl.Host, baseUrl.Port, ct);
        var stream = tcp.GetStream();
        var declared = mode == Mode.Trickle ? 100_000 : 1000;
        var head = $"POST /api/v1/telemetry HTTP/1.1\r\nHost: {baseUrl.Authority}\r\nAuthorization: Bearer {key}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {declared}\r\n\r\n{{\"events\":[";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        var reading = Read(stream, ct);
        if (mode == Mode.HalfClose) tcp.Client.Shutdown(SocketShutdown.Send);
        if (mode == Mode.Trickle)
        {
            for (var i = 0; i < 600 && !reading.IsCompleted; i++)
            {
                try { await stream.WriteAsync(" "u8.ToArray(), ct); }
                catch (IOException) { break; }
                await Task.WhenAny(reading, Task.Delay(100, ct));
            }
        }
        var response = await reading.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var status = response.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) && int.TryParse(response.AsSpan(9, 3), out var s) ? s : 0;
        return (status, response);
    }

    private static async Task<string> Read(NetworkStream stream, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            int n;
            try { n = await stream.ReadAsync(buffer, ct); }
            catch (IOException) { break; }
            if (n == 0) break;
            text.Append(Encoding.UTF8.GetString(buffer, 0, n));
            var all = text.ToString();
            var end = all.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end > 0 && ContentLength(all[..end]) is { } length && all.Length - end - 4 >= length) break;
        }
        return text.ToString();
    }

    private static int? ContentLength(string head)
    {
        foreach (var line in head.Split("\r\n"))
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase) && int.TryParse(line.AsSpan(15).Trim(), out var n)) return n;
        return null;
    }
}
