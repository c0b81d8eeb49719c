using System.Globalization;
using System.Text;

namespace Ioc.History.Tests;

public sealed class LineProtocolTests
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("cpu load", @"cpu\ load")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", "a=b")] // '=' needs no escape in a measurement
    [InlineData(@"C:\temp", @"C:\temp")] // a backslash before an ordinary character stays literal
    [InlineData("Phường Hồng Hà", @"Phường\ Hồng\ Hà")]
    public void Measurement_escapes_commas_and_spaces(string name, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeMeasurement(name));

    [Theory]
    [InlineData("ward", "ward")]
    [InlineData("my key", @"my\ key")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a=b", @"a\=b")]
    [InlineData(@"a\b", @"a\b")]
    [InlineData(@"a\,b", @"a\\,b")] // literal backslash, then the escaped comma (influxd reads back a\,b)
    [InlineData(@"x\ y", @"x\\ y")]
    [InlineData("tab\there", "tab\there")]
    [InlineData("phường", "phường")]
    public void Tag_keys_escape_commas_equals_and_spaces(string key, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeTagKey(key));

    [Theory]
    [InlineData("Hồng Hà", @"Hồng\ Hà")]
    [InlineData("a=b,c d", @"a\=b\,c\ d")]
    [InlineData(@"a\=b", @"a\\=b")]
    [InlineData("\"quoted\"", "\"quoted\"")] // quotes are ordinary characters in tags
    public void Tag_values_escape_commas_equals_and_spaces(string value, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeTagValue(value));

    [Theory]
    [InlineData("avgWait", "avgWait")]
    [InlineData("avg wait", @"avg\ wait")]
    [InlineData("a,b=c", @"a\,b\=c")]
    [InlineData(@"a\b", @"a\b")]
    public void Field_keys_escape_commas_equals_and_spaces(string key, string expected) =>
        Assert.Equal(expected, LineProtocol.EscapeFieldKey(key));

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\temp\", "\"C:\\\\temp\\\\\"")]
    [InlineData(@"\""", "\"\\\\\\\"\"")] // backslash then quote: both escaped
    [InlineData("a, b = c", "\"a, b = c\"")] // commas, spaces and '=' need nothing inside quotes
    [InlineData("", "\"\"")]
    [InlineData("Phường Hồng Hà", "\"Phường Hồng Hà\"")]
    public void String_fields_escape_quotes_and_backslashes(string value, string expected) =>
        Assert.Equal(expected, LineProtocol.FormatStringField(value));

    [Theory]
    [InlineData("line1\nline2")]
    [InlineData("line1\r\nline2")]
    [InlineData("cr\r")]
    public void Line_breaks_in_string_fields_are_rejected(string value)
    {
        var ex = Assert.Throws<ArgumentException>(() => LineProtocol.FormatStringField(value));
        Assert.Contains("line breaks", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Point("m").Field("s", value));
    }

    [Fact]
    public void Line_breaks_in_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeMeasurement("a\nb"));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagKey("a\rb"));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagValue("a\nb"));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeFieldKey("a\nb"));
    }

    [Theory]
    [InlineData(@"ends\")]
    [InlineData(@"a\ b")]
    [InlineData(@"a\,b")]
    public void Measurement_backslashes_that_would_read_as_escapes_are_rejected(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => LineProtocol.EscapeMeasurement(name));
        Assert.Contains("backslash", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"ends\")]
    [InlineData(@"a\=b")]
    [InlineData(@"a\ b")]
    public void Field_key_backslashes_that_would_read_as_escapes_are_rejected(string key) =>
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeFieldKey(key));

    [Fact]
    public void Trailing_backslash_in_tags_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagKey(@"key\"));
        Assert.Throws<ArgumentException>(() => LineProtocol.EscapeTagValue(@"value\"));
    }

    [Fact]
    public void Empty_reserved_and_comment_names_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new Point(""));
        Assert.Throws<ArgumentException>(() => new Point("#comment"));
        Assert.Throws<ArgumentException>(() => new Point("m").Tag("", "v"));
        Assert.Throws<ArgumentException>(() => new Point("m").Field("", 1));
        Assert.Throws<ArgumentException>(() => new Point("m").Tag("time", "v"));
        Assert.Throws<ArgumentException>(() => new Point("m").Field("time", 1));
        Assert.Throws<ArgumentNullException>(() => new Point("m").Tag("k", null!));
    }

    [Theory]
    [InlineData(0L, "0i")]
    [InlineData(42L, "42i")]
    [InlineData(-7L, "-7i")]
    [InlineData(long.MaxValue, "9223372036854775807i")]
    [InlineData(long.MinValue, "-9223372036854775808i")]
    public void Integers_get_the_i_suffix(long value, string expected)
    {
        Assert.Equal(expected, LineProtocol.FormatInteger(value));
        Assert.Equal(expected, FieldValue.Integer(value).ToString());
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(2.0, "2")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1E+20")]
    [InlineData(1e-5, "1E-05")]
    [InlineData(double.MaxValue, "1.7976931348623157E+308")]
    public void Floats_use_invariant_round_trip_format(double value, string expected)
    {
        // Vietnamese culture writes "1,5"; line protocol must not follow the culture.
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("vi-VN");
        try
        {
            Assert.Equal(expected, LineProtocol.FormatFloat(value));
            Assert.Equal($"m f={expected}", new Point("m").Field("f", value).ToLineProtocol());
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NaN_and_infinity_are_rejected_with_a_clear_message(double value)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new Point("m").Field("f", value));
        Assert.Contains("NaN or infinite", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => LineProtocol.FormatFloat(value));
    }

    [Fact]
    public void Booleans_and_timestamps()
    {
        Assert.Equal("true", LineProtocol.FormatBoolean(true));
        Assert.Equal("false", LineProtocol.FormatBoolean(false));
        Assert.Equal("1700000000123", LineProtocol.FormatTimestamp(T));
        Assert.Equal("-1000", LineProtocol.FormatTimestamp(DateTimeOffset.UnixEpoch.AddSeconds(-1)));
    }

    [Fact]
    public void Point_with_every_field_type()
    {
        var point = new Point("ward")
            .Tag("ward", "00004")
            .Field("waiting", 12)
            .Field("avgWait", 3.25)
            .Field("open", true)
            .Field("note", "ok \"fine\"")
            .At(T);

        Assert.Equal("ward,ward=00004 waiting=12i,avgWait=3.25,open=true,note=\"ok \\\"fine\\\"\" 1700000000123", point.ToLineProtocol());
    }

    [Fact]
    public void Vietnamese_point_is_escaped_and_encoded_as_utf8()
    {
        var point = new Point("Phường Hồng Hà").Tag("phường", "Hồng Hà").Field("tên", "Phường Hồng Hà").At(T);
        var line = point.ToLineProtocol();

        Assert.Equal("Phường\\ Hồng\\ Hà,phường=Hồng\\ Hà tên=\"Phường Hồng Hà\" 1700000000123", line);
        var bytes = Encoding.UTF8.GetBytes(line);
        Assert.Equal(line, Encoding.UTF8.GetString(bytes));
        // "ồ" (U+1ED3) is the three bytes E1 BB 93 in UTF-8.
        Assert.True(bytes.AsSpan().IndexOf([(byte)0xE1, (byte)0xBB, (byte)0x93]) >= 0);
    }

    [Fact]
    public void Tags_are_sorted_replaced_and_removed_by_empty_value()
    {
        var point = new Point("m").Tag("z", "1").Tag("a", "2").Tag("m", "3").Tag("a", "4").Tag("m", "").Field("f", 1L).At(T);

        Assert.Equal("m,a=4,z=1 f=1i 1700000000123", point.ToLineProtocol());
        Assert.Equal(["a", "z"], point.Tags.Select(t => t.Key));
    }

    [Fact]
    public void Duplicate_field_replaces_and_fields_are_required()
    {
        Assert.Equal("m f=2i", new Point("m").Field("f", 1).Field("f", 2).ToLineProtocol());
        var ex = Assert.Throws<InvalidOperationException>(() => new Point("m").Tag("k", "v").ToLineProtocol());
        Assert.Contains("no fields", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_timestamp_applies_only_without_one()
    {
        var other = T.AddDays(1);
        Assert.Equal("m f=1i 1700000000123", new Point("m").Field("f", 1).At(T).ToLineProtocol(other));
        Assert.Equal($"m f=1i {other.ToUnixTimeMilliseconds()}", new Point("m").Field("f", 1).ToLineProtocol(other));
        Assert.Equal("m f=1i", new Point("m").Field("f", 1).ToLineProtocol());
    }

    [Fact]
    public void Sub_millisecond_time_is_truncated_to_the_write_precision()
    {
        var time = T.AddTicks(9_999); // +0.9999 ms
        Assert.Equal("m f=1i 1700000000123", new Point("m").Field("f", 1).At(time).ToLineProtocol());
    }
}
