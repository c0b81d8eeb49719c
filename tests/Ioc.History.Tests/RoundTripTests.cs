using Ioc.History.Tests.Infrastructure;
using static Ioc.History.Tests.Infrastructure.TestInflux;

namespace Ioc.History.Tests;

/// <summary>Awkward names and values through a real influxd: write, then read back unchanged.</summary>
public sealed class RoundTripTests(InfluxServerFixture influx)
{
    private static readonly DateTimeOffset T = DateTimeOffset.FromUnixTimeMilliseconds(1_735_700_000_123);

    [Fact]
    public async Task Awkward_names_and_values_survive_write_and_query()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        const string measurement = "Phường Hồng Hà, \"trung tâm\"=1";
        const string text = "say \"xin chào\", C:\\path\\ = end\\";
        var point = new Point(measurement)
            .Tag("tên phường", "Hồng Hà, Hoàn Kiếm")
            .Tag("k=v", "a=b")
            .Tag(@"back\slash", @"C:\temp")
            .Tag(@"esc\,aped", @"x\ y")
            .Tag("quote\"tag", "it's \"quoted\"")
            .Field("số người", 42L)
            .Field("avg, wait=", 3.25)
            .Field("huge", long.MaxValue)
            .Field("tiny", -1e-300)
            .Field("big", 1e300)
            .Field("whole", 2.0)
            .Field("ok", true)
            .Field("off", false)
            .Field("text", text)
            .At(T);

        await using (var writer = new InfluxWriter(connection, options))
        {
            writer.Write(point);
            await writer.FlushAsync(Ct);
            Assert.Equal(1, writer.GetStatus().WrittenPoints);
        }

        var series = Assert.Single(await connection.QueryAsync($"SELECT * FROM {InfluxQl.QuoteIdentifier(measurement)}", Ct));
        Assert.Equal(measurement, series.Name);
        var row = Assert.Single(series.Values);
        object? Cell(string column) => row[series.ColumnIndex(column)];

        Assert.Equal(T, InfluxSeries.AsTime(Cell("time")));
        Assert.Equal("Hồng Hà, Hoàn Kiếm", Cell("tên phường"));
        Assert.Equal("a=b", Cell("k=v"));
        Assert.Equal(@"C:\temp", Cell(@"back\slash"));
        Assert.Equal(@"x\ y", Cell(@"esc\,aped"));
        Assert.Equal("it's \"quoted\"", Cell("quote\"tag"));
        Assert.Equal(42L, Cell("số người"));
        Assert.Equal(3.25, Cell("avg, wait="));
        Assert.Equal(long.MaxValue, Cell("huge"));
        Assert.Equal(-1e-300, Cell("tiny"));
        Assert.Equal(1e300, Cell("big"));
        Assert.Equal(2.0, InfluxSeries.AsDouble(Cell("whole")));
        Assert.Equal(true, Cell("ok"));
        Assert.Equal(false, Cell("off"));
        Assert.Equal(text, Cell("text"));

        var fieldTypes = Assert.Single(await connection.QueryAsync($"SHOW FIELD KEYS FROM {InfluxQl.QuoteIdentifier(measurement)}", Ct));
        var types = fieldTypes.Values.ToDictionary(r => (string)r[0]!, r => (string)r[1]!);
        Assert.Equal("integer", types["số người"]);
        Assert.Equal("float", types["whole"]);
        Assert.Equal("boolean", types["ok"]);
        Assert.Equal("string", types["text"]);
    }

    [Fact]
    public async Task Quoted_literals_match_exactly_and_cannot_inject()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        await using (var writer = new InfluxWriter(connection, options))
        {
            writer.Write(new Point("ward").Tag("ward", "it's \\ \"odd\"").Field("waiting", 1).At(T));
            writer.Write(new Point("ward").Tag("ward", "other").Field("waiting", 2).At(T));
            await writer.FlushAsync(Ct);
        }

        var exact = await connection.QueryAsync(
            $"SELECT waiting FROM ward WHERE ward = {InfluxQl.QuoteString("it's \\ \"odd\"")}", Ct);
        Assert.Equal([1L], Assert.Single(exact).Column("waiting"));

        var injected = await connection.QueryAsync(
            $"SELECT waiting FROM ward WHERE ward = {InfluxQl.QuoteString("x' OR ward = 'other")}", Ct);
        Assert.Empty(injected);

        // The whole database must still be there.
        Assert.Equal(2, await CountAsync(connection, "ward", "waiting"));
    }

    [Fact]
    public async Task Refused_points_are_counted_as_dropped()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        await using var writer = new InfluxWriter(connection, options);
        writer.Write(new Point("typed").Field("v", 1L).At(T));
        await writer.FlushAsync(Ct);

        // Same field as float: InfluxDB refuses it (field type conflict) and keeps the rest of the batch.
        writer.Write(new Point("typed").Field("v", 1.5).At(T.AddSeconds(1)));
        writer.Write(new Point("typed").Field("w", 2L).At(T.AddSeconds(1)));
        await writer.FlushAsync(Ct);

        var status = writer.GetStatus();
        Assert.Equal(1, status.DroppedPoints);
        Assert.Equal(2, status.WrittenPoints);
        Assert.Contains("conflict", status.LastError, StringComparison.Ordinal);
        Assert.Equal(0, status.Backlog);
        Assert.Equal(1, await CountAsync(connection, "typed", "w"));
    }

    [Fact]
    public async Task Query_errors_surface_as_InfluxException()
    {
        var connection = Connection(Options(await influx.UrlAsync(), "no_such_db_" + Guid.NewGuid().ToString("N")[..6]));
        var ex = await Assert.ThrowsAsync<InfluxException>(() => connection.QueryAsync("SELECT * FROM m", Ct));
        Assert.Contains("database not found", ex.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InfluxException>(() => connection.QueryAsync("SELEKT nonsense", Ct));
    }
}
