using Ioc.History.Tests.Infrastructure;
using static Ioc.History.Tests.Infrastructure.TestInflux;

namespace Ioc.History.Tests;

public sealed class RetentionTests(InfluxServerFixture influx)
{
    [Fact]
    public async Task Retention_policies_and_rollup_exist_after_EnsureRetentionAsync_and_it_is_repeatable()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        var schema = new InfluxSchema(connection);

        await schema.EnsureRetentionAsync(Ct);
        // Someone shortened raw by hand: the next start puts it back; running twice must not fail.
        await connection.QueryAsync($"ALTER RETENTION POLICY \"raw\" ON {InfluxQl.QuoteIdentifier(options.Database)} DURATION 2d", Ct);
        await schema.EnsureRetentionAsync(Ct);
        await schema.EnsureRetentionAsync(Ct);

        var policies = Assert.Single(await connection.QueryAsync($"SHOW RETENTION POLICIES ON {InfluxQl.QuoteIdentifier(options.Database)}", Ct));
        var byName = policies.Values.ToDictionary(r => (string)r[policies.ColumnIndex("name")]!);
        var raw = byName["raw"];
        var hourly = byName["hourly"];
        Assert.Equal("720h0m0s", raw[policies.ColumnIndex("duration")]);
        Assert.Equal(true, raw[policies.ColumnIndex("default")]);
        Assert.Equal("17472h0m0s", hourly[policies.ColumnIndex("duration")]);
        Assert.Equal(false, hourly[policies.ColumnIndex("default")]);

        var queries = (await connection.QueryAsync("SHOW CONTINUOUS QUERIES", Ct)).Single(s => s.Name == options.Database);
        var cq = Assert.Single(queries.Values);
        Assert.Equal("cq_hourly", cq[queries.ColumnIndex("name")]);
        var text = (string)cq[queries.ColumnIndex("query")]!;
        Assert.Contains("mean(*)", text, StringComparison.Ordinal);
        Assert.Contains("INTO", text, StringComparison.Ordinal);
        Assert.Contains("hourly", text, StringComparison.Ordinal);
        Assert.Contains(":MEASUREMENT", text, StringComparison.Ordinal);
        Assert.Contains("GROUP BY time(1h), *", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_land_in_raw_once_it_is_the_default()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        await new InfluxSchema(connection).EnsureRetentionAsync(Ct);
        await using (var writer = new InfluxWriter(connection, options))
        {
            writer.Write(new Point("ward").Tag("ward", "00004").Field("waiting", 3).At(DateTimeOffset.UtcNow.AddMinutes(-1)));
            await writer.FlushAsync(Ct);
        }

        Assert.Single(await connection.QueryAsync("SELECT waiting FROM \"raw\".\"ward\"", Ct));
        Assert.Empty(await connection.QueryAsync("SELECT waiting FROM \"autogen\".\"ward\"", Ct));
    }

    [Fact]
    public async Task A_writer_and_a_second_writer_on_a_fresh_server_write_their_first_points_into_raw_not_autogen()
    {
        // Nothing set up beforehand: the database does not exist yet when the first points are written.
        var options = Options(await influx.UrlAsync());
        var connection = Connection(options);
        var schema = new InfluxSchema(connection);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await using (var writer = new InfluxWriter(connection, options, schema: schema))
        {
            writer.Write(new Point("ward").Tag("ward", "00004").Field("waiting", 3).At(at));
            await writer.FlushAsync(Ct);
        }
        // A second writer of the same process (the shipper writes its own lines) after the setup.
        await schema.EnsureAsync(retention: true, Ct);
        await connection.WriteAsync(["ward,ward=00097 waiting=5i " + at.ToUnixTimeMilliseconds()], cancellationToken: Ct);

        var raw = Assert.Single(await connection.QueryAsync("SELECT waiting FROM \"raw\".\"ward\"", Ct));
        Assert.Equal(2, raw.Values.Count);
        Assert.Empty(await connection.QueryAsync("SELECT waiting FROM \"autogen\".\"ward\"", Ct));
    }
}
