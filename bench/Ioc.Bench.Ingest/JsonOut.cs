using System.Buffers.Text;
using System.Text;

namespace Ioc.Bench.Ingest;

/// <summary>
/// A growing UTF-8 buffer with just enough JSON writing for telemetry batches. Hand-rolled so the
/// load generator spends as little as possible of the two cores it shares with the center: all
/// strings written here are ASCII the generator made itself, so nothing needs escaping.
/// </summary>
public sealed class JsonOut(int capacity = 64 * 1024)
{
    private byte[] _buffer = new byte[capacity];

    public int Length { get; private set; }

    public byte[] Buffer => _buffer;

    public void Clear() => Length = 0;

    private Span<byte> Take(int max)
    {
        if (Length + max > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + max));
        return _buffer.AsSpan(Length, max);
    }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Take(bytes.Length));
        Length += bytes.Length;
    }

    public void Ascii(string s)
    {
        Length += Encoding.ASCII.GetBytes(s, Take(s.Length));
    }

    /// <summary>A quoted ASCII string.</summary>
    public void Str(string s)
    {
        var span = Take(s.Length + 2);
        span[0] = (byte)'"';
        Encoding.ASCII.GetBytes(s, span[1..]);
        span[s.Length + 1] = (byte)'"';
        Length += s.Length + 2;
    }

    public void Long(long value)
    {
        Utf8Formatter.TryFormat(value, Take(20), out var written);
        Length += written;
    }

    public void Hex(long value)
    {
        Utf8Formatter.TryFormat((ulong)value, Take(16), out var written, new System.Buffers.StandardFormat('x'));
        Length += written;
    }

    /// <summary>A number with exactly three decimals; returns the value the reader will parse.</summary>
    public double Fixed3(double value)
    {
        var milli = (long)Math.Round(value * 1000, MidpointRounding.AwayFromZero);
        var abs = Math.Abs(milli);
        if (milli < 0) Raw("-"u8);
        Long(abs / 1000);
        var span = Take(4);
        var frac = (int)(abs % 1000);
        span[0] = (byte)'.';
        span[1] = (byte)('0' + frac / 100);
        span[2] = (byte)('0' + frac / 10 % 10);
        span[3] = (byte)('0' + frac % 10);
        Length += 4;
        return milli / 1000.0;
    }

    /// <summary>A quoted RFC 3339 time in +07:00 with milliseconds, e.g. "2026-11-22T08:15:02.120+07:00".</summary>
    public void Time(long unixMs)
    {
        var local = DateTime.UnixEpoch.AddTicks((unixMs + 7 * 3600_000L) * TimeSpan.TicksPerMillisecond);
        var span = Take(31);
        span[0] = (byte)'"';
        Digits(span.Slice(1, 4), local.Year);
        span[5] = (byte)'-';
        Digits(span.Slice(6, 2), local.Month);
        span[8] = (byte)'-';
        Digits(span.Slice(9, 2), local.Day);
        span[11] = (byte)'T';
        Digits(span.Slice(12, 2), local.Hour);
        span[14] = (byte)':';
        Digits(span.Slice(15, 2), local.Minute);
        span[17] = (byte)':';
        Digits(span.Slice(18, 2), local.Second);
        span[20] = (byte)'.';
        Digits(span.Slice(21, 3), local.Millisecond);
        "+07:00\""u8.CopyTo(span[24..]);
        Length += 31;
    }

    public static string TimeText(long unixMs)
    {
        var o = new JsonOut(64);
        o.Time(unixMs);
        return Encoding.ASCII.GetString(o.Buffer, 1, o.Length - 2);
    }

    private static void Digits(Span<byte> span, int value)
    {
        for (var i = span.Length - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
