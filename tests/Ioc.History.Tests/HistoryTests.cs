using Ioc.History.Tests.Infrastructure;
using static Ioc.History.Tests.Infrastructure.TestInflux;

namespace Ioc.History.Tests;

/// <summary>The history helper (mean per step for one ward) against known data.</summary>
public sealed class HistoryTests(InfluxServerFixture influx)
{
    // A 5-minute boundary two hours ago: inside the raw retention, so the raw data is read.
    private static readonly DateTimeOffset T0 = Floor(DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task Means_per_step_for_one_ward()
    {
        var (connection, reader) = await SeedAsync();

        var waiting = await reader.ReadWardHistoryAsync("00004", "waiting", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);
        var avgWait = await reader.ReadWardHistoryAsync("00004", "avgWait", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);
        var perMinute = await reader.ReadWardHistoryAsync("00004", "waiting", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(1), Ct);

        // waiting = k for k = 0..59 every 10 s: the first 5 minutes hold k 0..29, the next 30..59.
        Assert.Equal([new TimeValue(T0, 14.5), new TimeValue(T0.AddMinutes(5), 44.5)], waiting);
        Assert.Equal([new TimeValue(T0, 7.25), new TimeValue(T0.AddMinutes(5), 22.25)], avgWait);
        Assert.Equal(Enumerable.Range(0, 10).Select(j => new TimeValue(T0.AddMinutes(j), (6 * j) + 2.5)), perMinute);
        Assert.Equal(62, await CountAsync(connection, "ward", "waiting"));
    }

    [Fact]
    public async Task Range_bounds_other_wards_and_injection_attempts_are_respected()
    {
        var (_, reader) = await SeedAsync();

        var other = await reader.ReadWardHistoryAsync("00007", "waiting", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);
        var secondHalf = await reader.ReadWardHistoryAsync("00004", "waiting", T0.AddMinutes(5), T0.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);
        var injected = await reader.ReadWardHistoryAsync("00004' OR ward = '00007", "waiting", T0, T0.AddMinutes(10), TimeSpan.FromMinutes(5), Ct);
        var empty = await reader.ReadWardHistoryAsync("00004", "waiting", T0.AddDays(-1), T0.AddDays(-1).AddHours(1), TimeSpan.FromMinutes(5), Ct);

        Assert.Equal([new TimeValue(T0, 1000), new TimeValue(T0.AddMinutes(5), 2000)], other);
        Assert.Equal([new TimeValue(T0.AddMinutes(5), 44.5)], secondHalf);
        Assert.Empty(injected);
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Old_ranges_are_read_from_the_hourly_rollup()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        await new InfluxSchema(connection).EnsureRetentionAsync(Ct);
        var reader = new InfluxReader(connection);

        // 40 days ago is past the raw retention: only the roll-up (mean_<field>) can have it.
        // On a 2-hour boundary, so GROUP BY time(2h) puts both hours in one bucket whatever the hour now.
        var hour = Floor(DateTimeOffset.UtcNow.AddDays(-40), TimeSpan.FromHours(2));
        await connection.WriteAsync(
        [
            $"ward,ward=00004 mean_waiting=12,mean_avgWait=1.5 {hour.ToUnixTimeMilliseconds()}",
            $"ward,ward=00004 mean_waiting=18,mean_avgWait=2.5 {hour.AddHours(1).ToUnixTimeMilliseconds()}",
        ], InfluxSchema.HourlyPolicy, Ct);

        var hourly = await reader.ReadWardHistoryAsync("00004", "waiting", hour, hour.AddHours(2), TimeSpan.FromHours(1), Ct);
        var twoHours = await reader.ReadWardHistoryAsync("00004", "avgWait", hour, hour.AddHours(2), TimeSpan.FromHours(2), Ct);

        Assert.Equal([new TimeValue(hour, 12), new TimeValue(hour.AddHours(1), 18)], hourly);
        Assert.Equal(2.0, Assert.Single(twoHours).Value);
    }

    [Fact]
    public async Task The_rollup_query_turns_raw_points_into_hourly_means()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        await new InfluxSchema(connection).EnsureRetentionAsync(Ct);
        var hour = Floor(DateTimeOffset.UtcNow.AddHours(-3), TimeSpan.FromHours(1));
        await connection.WriteAsync(
            Enumerable.Range(0, 120).Select(k =>
                $"ward,ward=00004 waiting={k}i,avgWait={k / 2.0} {hour.AddMinutes(k).ToUnixTimeMilliseconds()}"),
            cancellationToken: Ct);

        // What the continuous query runs each hour, here over two finished hours at once.
        var db = InfluxQl.QuoteIdentifier(options.Database);
        await connection.QueryAsync(
            $"SELECT mean(*) INTO {db}.\"hourly\".:MEASUREMENT FROM {db}.\"raw\"./.*/ " +
            $"WHERE time >= {InfluxQl.FormatTime(hour)} AND time < {InfluxQl.FormatTime(hour.AddHours(2))} GROUP BY time(1h), *", Ct);

        var reader = new InfluxReader(connection);
        var tags = new[] { KeyValuePair.Create("ward", "00004") };
        var means = await reader.ReadMeanAsync("ward", "waiting", tags, hour, hour.AddHours(2), TimeSpan.FromHours(1), InfluxSchema.HourlyPolicy, Ct);

        Assert.Equal([new TimeValue(hour, 29.5), new TimeValue(hour.AddHours(1), 89.5)], means);
    }

    private async Task<(InfluxConnection Connection, InfluxReader Reader)> SeedAsync()
    {
        var options = Options(await influx.UrlAsync());
        var connection = await NewDatabaseAsync(options);
        await using (var writer = new InfluxWriter(connection, options))
        {
            for (var k = 0; k < 60; k++)
            {
                writer.Write(new Point(InfluxReader.WardMeasurement)
                    .Tag(InfluxReader.WardTag, "00004")
                    .Field("waiting", k)
                    .Field("avgWait", k / 2.0)
                    .At(T0.AddSeconds(10 * k)));
            }

            writer.Write(new Point("ward").Tag("ward", "00007").Field("waiting", 1000).At(T0));
            writer.Write(new Point("ward").Tag("ward", "00007").Field("waiting", 2000).At(T0.AddMinutes(5)));
            await writer.FlushAsync(Ct);
        }

        return (connection, new InfluxReader(connection));
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan step) =>
        new(time.UtcTicks - (time.UtcTicks % step.Ticks), TimeSpan.Zero);
}
