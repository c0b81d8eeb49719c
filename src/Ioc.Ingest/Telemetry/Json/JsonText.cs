using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// Turns the raw bytes of a JSON string (as the reader saw them, escapes and all) into text,
/// or says why it cannot: bytes that are not UTF-8, or a <c>\uD800</c>-style escape that is half
/// of a surrogate pair. <see cref="System.Text.Json.Utf8JsonReader.GetString"/> would throw on
/// both; here a device's mistake is an answer, not an exception.
/// </summary>
public static class JsonText
{
    public const string NotUtf8 = "is not valid UTF-8";

    public static string? Decode(ReadOnlySpan<byte> raw, bool escaped, out string? error)
    {
        error = null;
        if (!escaped)
        {
            if (Utf8.IsValid(raw)) return Encoding.UTF8.GetString(raw);
            error = NotUtf8;
            return null;
        }
        var rented = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var chars = rented.AsSpan();
            var n = 0;
            var i = 0;
            while (i < raw.Length)
            {
                var next = raw[i..].IndexOf((byte)'\\');
                var run = next < 0 ? raw[i..] : raw.Slice(i, next);
                if (!run.IsEmpty)
                {
                    if (Utf8.ToUtf16(run, chars[n..], out _, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                    {
                        error = NotUtf8;
                        return null;
                    }
                    n += written;
                    i += run.Length;
                }
                if (next < 0) break;
                // The reader has already checked that every escape is well formed.
                var e = raw[i + 1];
                if (e != 'u')
                {
                    chars[n++] = e switch { (byte)'b' => '\b', (byte)'f' => '\f', (byte)'n' => '\n', (byte)'r' => '\r', (byte)'t' => '\t', _ => (char)e };
                    i += 2;
                    continue;
                }
                var unit = Hex(raw.Slice(i + 2, 4));
                i += 6;
                if (char.IsHighSurrogate(unit))
                {
                    if (i + 6 <= raw.Length && raw[i] == '\\' && raw[i + 1] == 'u' && char.IsLowSurrogate(Hex(raw.Slice(i + 2, 4))))
                    {
                        chars[n++] = unit;
                        chars[n++] = Hex(raw.Slice(i + 2, 4));
                        i += 6;
                        continue;
                    }
                    error = LoneSurrogate(unit);
                    return null;
                }
                if (char.IsLowSurrogate(unit))
                {
                    error = LoneSurrogate(unit);
                    return null;
                }
                chars[n++] = unit;
            }
            return new string(chars[..n]);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>A name for a field whose own name could not be decoded: invalid bytes shown as U+FFFD.</summary>
    public static string Lenient(ReadOnlySpan<byte> raw) => Encoding.UTF8.GetString(raw);

    private static string LoneSurrogate(char unit) =>
        $"holds half a surrogate pair (\\u{((int)unit).ToString("X4", CultureInfo.InvariantCulture)}): not valid Unicode text";

    private static char Hex(ReadOnlySpan<byte> four)
    {
        var v = 0;
        foreach (var b in four) v = v * 16 + (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        return (char)v;
    }
}
