namespace Ioc.History.Tests;

public sealed class ResultParserTests
{
    [Fact]
    public void Parses_series_tags_columns_and_typed_values()
    {
        const string json = """
            {"results":[{"statement_id":0,"series":[
              {"name":"ward","tags":{"ward":"Hồng Hà"},"columns":["time","waiting","avgWait","note","open"],
               "values":[[1700000000000,12,3.5,"a \"b\"",true],[1700000001000,null,2,null,false]]}]},
              {"statement_id":1}]}
            """;

        var series = Assert.Single(InfluxResultParser.Parse(json));

        Assert.Equal("ward", series.Name);
        Assert.Equal("Hồng Hà", series.Tags["ward"]);
        Assert.Equal(["time", "waiting", "avgWait", "note", "open"], series.Columns);
        Assert.Equal([1_700_000_000_000L, 12L, 3.5, "a \"b\"", true], series.Values[0]);
        Assert.Null(series.Values[1][1]);
        Assert.Equal(2.0, InfluxSeries.AsDouble(series.Values[1][2]));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_000), InfluxSeries.AsTime(series.Values[1][0]));
        Assert.Equal([12L, null], series.Column("waiting"));
    }

    [Fact]
    public void Statement_errors_throw()
    {
        var ex = Assert.Throws<InfluxException>(() =>
            InfluxResultParser.Parse("""{"results":[{"statement_id":0,"error":"database not found: x"}]}"""));
        Assert.Contains("database not found", ex.Message, StringComparison.Ordinal);

        Assert.Throws<InfluxException>(() => InfluxResultParser.Parse("""{"error":"error parsing query"}"""));
    }

    [Fact]
    public void Empty_results_give_no_series() =>
        Assert.Empty(InfluxResultParser.Parse("""{"results":[{"statement_id":0}]}"""));

    [Fact]
    public void Partial_write_reports_dropped_count()
    {
        var result = new WriteResult(System.Net.HttpStatusCode.BadRequest, "partial write: field type conflict: input field \"v\" is type integer dropped=3");
        Assert.True(result.Permanent);
        Assert.Equal(3, result.DroppedCount());
        Assert.Null(new WriteResult(System.Net.HttpStatusCode.BadRequest, "unable to parse").DroppedCount());
        Assert.False(new WriteResult(System.Net.HttpStatusCode.ServiceUnavailable, "x").Permanent);
    }
}
