using System.Text;

namespace Ioc.Tests.Hostile;

/// <summary>
/// What is not text, as JSON can carry it: escapes naming half a surrogate pair, and raw bytes
/// that are not UTF-8. A corpus request holds <see cref="Marker"/> where one of these goes; the
/// marker is swapped for the bytes after the JSON is written.
/// </summary>
public static class BadText
{
    public const string Marker = "@@BAD@@";

    public static readonly IReadOnlyList<(string Name, byte[] Bytes)> Tokens =
    [
        ("lone-high-escape", Ascii(@"\ud800")),
        ("lone-low-escape", Ascii(@"\udc00")),
        ("reversed-pair", Ascii(@"\udc00\ud800")),
        ("high-then-letter", Ascii(@"\ud83dA")),
        ("high-then-high", Ascii(@"\ud83d\ud83d")),
        ("high-then-escaped-letter", Ascii(@"\ud83d\u0041")),
        ("byte-ff", [0xFF]),
        ("byte-fe", [0xFE]),
        ("lone-continuation", [0x80]),
        ("overlong-nul", [0xC0, 0x80]),
        ("overlong-slash", [0xE0, 0x80, 0xAF]),
        ("encoded-surrogate", [0xED, 0xA0, 0x80]),
        ("above-unicode", [0xF4, 0x90, 0x80, 0x80]),
        ("five-byte-form", [0xF8, 0x88, 0x80, 0x80, 0x80]),
        ("truncated-euro", [0xE2, 0x82]),
        ("truncated-at-end", [(byte)'a', 0xC3]),
        ("latin1-vietnamese", [(byte)'H', 0xE0, (byte)' ', (byte)'N', 0xF4, (byte)'i']),
    ];

    /// <summary>The JSON text as bytes with every marker replaced by <paramref name="bad"/>.</summary>
    public static byte[] Inject(string json, byte[] bad)
    {
        var text = Encoding.UTF8.GetBytes(json);
        var marker = Encoding.UTF8.GetBytes(Marker);
        var output = new List<byte>(text.Length + bad.Length);
        for (var i = 0; i < text.Length;)
        {
            if (text.AsSpan(i).StartsWith(marker))
            {
                output.AddRange(bad);
                i += marker.Length;
            }
            else output.Add(text[i++]);
        }
        return [.. output];
    }

    private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);
}
