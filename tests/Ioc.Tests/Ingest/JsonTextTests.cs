using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;
using Ioc.Ingest.Telemetry.Json;

namespace Ioc.Tests.Ingest;

/// <summary>
/// The body reader decodes every string exactly, or says it is not text, and never throws:
/// properties over generated text and bytes, judged by .NET's strict UTF-8 decoder and a
/// surrogate check written here.
/// </summary>
public sealed class JsonTextTests
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    private static BodyNode? Value(byte[] body) => BodyReader.Read(body, out _)?["v"];

    /// <summary>Any text (whole code points, from the whole of Unicode), written escaped and unescaped.</summary>
    private static readonly Gen<string> Text =
        Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Select(c => char.ConvertFromUtf32(c)).Array[0, 30].Select(parts => string.Concat(parts));

    [Fact]
    public void Text_written_as_json_reads_back_the_same()
    {
        var relaxed = new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        Text.Sample(s =>
        {
            foreach (var options in new[] { JsonSerializerOptions.Default, relaxed })
            {
                var v = Value(Encoding.UTF8.GetBytes("{\"v\":" + JsonSerializer.Serialize(s, options) + "}"));
                Assert.NotNull(v);
                Assert.Null(v.TextError);
                Assert.Equal(s, v.Text);
            }
        }, iter: 5_000);
    }

    [Fact]
    public void Raw_bytes_are_text_exactly_when_they_are_utf8()
    {
        // Any bytes but the quote, the backslash and control characters, which JSON itself refuses inside a string.
        Gen.Byte.Where(b => b >= 0x20 && b != '"' && b != '\\').Array[0, 12].Sample(bytes =>
        {
            var v = Value([.. "{\"v\":\""u8, .. bytes, .. "\"}"u8]);
            Assert.NotNull(v);
            string? expected;
            try { expected = Strict.GetString(bytes); }
            catch (DecoderFallbackException) { expected = null; }
            Assert.Equal(expected, v.Text);
            Assert.Equal(expected is null, v.TextError is not null);
        }, iter: 20_000);
    }

    [Fact]
    public void Escaped_code_units_are_text_exactly_when_every_surrogate_has_its_pair()
    {
        Gen.Int[0, 0xFFFF].Array[1, 6].Sample(units =>
        {
            var escaped = string.Concat(units.Select(u => $"\\u{u:x4}"));
            var v = Value(Encoding.ASCII.GetBytes("{\"v\":\"" + escaped + "\"}"));
            Assert.NotNull(v);
            Assert.Equal(Paired(units), v.Text is not null);
            if (v.Text is not null) Assert.Equal(new string([.. units.Select(u => (char)u)]), v.Text);
        }, iter: 20_000);
    }

    /// <summary>High surrogate then low, and no surrogate alone.</summary>
    private static bool Paired(int[] units)
    {
        for (var i = 0; i < units.Length; i++)
        {
            if (units[i] is >= 0xDC00 and <= 0xDFFF) return false;
            if (units[i] is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 1 >= units.Length || units[i + 1] is < 0xDC00 or > 0xDFFF) return false;
                i++;
            }
        }
        return true;
    }

    [Fact]
    public void Repeated_keys_are_noted_not_overwritten()
    {
        var root = BodyReader.Read("{\"a\":1,\"b\":2,\"a\":3,\"\\u0061\":4}"u8, out var error)!;
        Assert.Null(error);
        Assert.Equal(["a"], root.RepeatedKeys);
        Assert.Equal(1, root["a"]!.Int32);
    }
}
