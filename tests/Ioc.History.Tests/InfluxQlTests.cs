namespace Ioc.History.Tests;

public sealed class InfluxQlTests
{
    [Theory]
    [InlineData("00004", "'00004'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"C:\x", @"'C:\\x'")]
    [InlineData("x' OR 'a'='a", @"'x\' OR \'a\'=\'a'")]
    [InlineData(@"\'; DROP DATABASE ioc; --", @"'\\\'; DROP DATABASE ioc; --'")]
    [InlineData("two\nlines", @"'two\nlines'")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("Phường Hồng Hà", "'Phường Hồng Hà'")]
    public void String_literals_cannot_be_escaped_from(string value, string expected) =>
        Assert.Equal(expected, InfluxQl.QuoteString(value));

    [Theory]
    [InlineData("ward", "\"ward\"")]
    [InlineData("avg wait", "\"avg wait\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData(@"a\", "\"a\\\\\"")]
    [InlineData("it's", "\"it's\"")]
    public void Identifiers_are_double_quoted(string name, string expected) =>
        Assert.Equal(expected, InfluxQl.QuoteIdentifier(name));

    [Fact]
    public void Durations_use_the_largest_exact_unit()
    {
        Assert.Equal("1h", InfluxQl.FormatDuration(TimeSpan.FromHours(1)));
        Assert.Equal("90s", InfluxQl.FormatDuration(TimeSpan.FromSeconds(90)));
        Assert.Equal("5m", InfluxQl.FormatDuration(TimeSpan.FromMinutes(5)));
        Assert.Equal("30d", InfluxQl.FormatDuration(TimeSpan.FromDays(30)));
        Assert.Equal("104w", InfluxQl.FormatDuration(TimeSpan.FromDays(7 * 104)));
        Assert.Equal("250ms", InfluxQl.FormatDuration(TimeSpan.FromMilliseconds(250)));
        Assert.Equal("1500u", InfluxQl.FormatDuration(TimeSpan.FromMicroseconds(1500)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InfluxQl.FormatDuration(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => InfluxQl.FormatDuration(TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Times_are_utc_rfc3339_literals()
    {
        var local = new DateTimeOffset(2025, 1, 31, 7, 0, 0, TimeSpan.FromHours(7));
        Assert.Equal("'2025-01-31T00:00:00.0000000Z'", InfluxQl.FormatTime(local));
    }

    [Fact]
    public void Mean_query_quotes_every_name_and_value()
    {
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var query = InfluxReader.BuildMeanQuery(
            "ward", "avgWait", [KeyValuePair.Create("ward", "x' OR 'a'='a")], from, from.AddHours(1), TimeSpan.FromMinutes(5));

        Assert.Equal(
            "SELECT mean(\"avgWait\") AS \"value\" FROM \"ward\" WHERE \"ward\" = 'x\\' OR \\'a\\'=\\'a' AND " +
            "time >= '2025-01-01T00:00:00.0000000Z' AND time < '2025-01-01T01:00:00.0000000Z' GROUP BY time(5m) fill(none)",
            query);
    }

    [Fact]
    public void Mean_query_on_the_rollup_reads_the_mean_field()
    {
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var query = InfluxReader.BuildMeanQuery("ward", "waiting", [], from, from.AddDays(1), TimeSpan.FromHours(1), InfluxSchema.HourlyPolicy);

        Assert.StartsWith("SELECT mean(\"mean_waiting\") AS \"value\" FROM \"hourly\".\"ward\" WHERE time >= ", query, StringComparison.Ordinal);
    }

    [Fact]
    public void Mean_query_rejects_bad_ranges()
    {
        var from = DateTimeOffset.UnixEpoch;
        Assert.Throws<ArgumentException>(() => InfluxReader.BuildMeanQuery("ward", "waiting", [], from, from, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => InfluxReader.BuildMeanQuery("ward", "waiting", [], from, from.AddYears(1), TimeSpan.FromSeconds(1)));
    }

    [Theory]
    [InlineData("SELECT * FROM m", true)]
    [InlineData("  show databases", true)]
    [InlineData("SHOW MEASUREMENTS; SELECT 1", true)]
    [InlineData("CREATE DATABASE x", false)]
    [InlineData("SELECT mean(*) INTO \"db\".\"hourly\".:MEASUREMENT FROM /.*/", false)]
    [InlineData("SELECT mean(v)\nINTO hourly.m FROM m", false)]
    [InlineData("SELECT 1; DROP MEASUREMENT m", false)]
    public void Read_only_statements_go_by_get(string query, bool readOnly) =>
        Assert.Equal(readOnly, InfluxConnection.IsReadOnly(query));

    [Fact]
    public void Rollup_statement_matches_the_issue()
    {
        Assert.Equal(
            "CREATE CONTINUOUS QUERY \"cq_hourly\" ON \"ioc\" BEGIN SELECT mean(*) INTO \"ioc\".\"hourly\".:MEASUREMENT " +
            "FROM \"ioc\".\"raw\"./.*/ GROUP BY time(1h), * END",
            InfluxSchema.HourlyRollupStatement("ioc"));
    }
}
