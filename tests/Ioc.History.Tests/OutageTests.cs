using System.Globalization;
using Ioc.History.Testing;
using static Ioc.History.Tests.Infrastructure.TestInflux;

namespace Ioc.History.Tests;

/// <summary>The writer against an influxd that is killed and restarted (each test runs its own server).</summary>
public sealed class OutageTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-1);

    [Fact(Timeout = 180_000)]
    public async Task Every_point_arrives_exactly_once_across_a_crash_of_influxd()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await InfluxdProcess.StartNewAsync(ct);
        var options = Options(server.Url, configure: o =>
        {
            o.BatchSize = 1000;
            o.MaxQueuedPoints = 2000;
            o.FlushInterval = TimeSpan.FromMilliseconds(50);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(250);
        });
        var connection = await NewDatabaseAsync(options);
        const int total = 30_000;
        InfluxWriterStatus during;

        await using (var writer = new InfluxWriter(connection, options))
        {
            InfluxWriterStatus? outage = null;
            for (var i = 0; i < total; i++)
            {
                if (i == 10_000)
                {
                    server.Kill(); // mid-stream, like a crash: requests in flight are cut off
                }
                else if (i == 20_000)
                {
                    // Points keep coming while the server is gone: everything unacknowledged ends up on disk.
                    await WaitUntilAsync(
                        () => writer.GetStatus() is { Connected: false, SpilledPoints: > 0 } s && s.SpilledPoints == s.Backlog,
                        TimeSpan.FromSeconds(30), "the writer notices the outage and spills");
                    outage = writer.GetStatus();
                    await server.StartAsync(ct); // same data folder and port
                }

                writer.Write(Sample(i));
                if (i % 100 == 0)
                {
                    await Task.Delay(2, ct);
                }
            }

            during = outage!;
            await writer.FlushAsync(ct).WaitAsync(TimeSpan.FromSeconds(90), ct);

            var after = writer.GetStatus();
            Assert.True(after.Connected);
            Assert.True(after.LastError is null, $"the outage is over, and the status must say so: {after} {after.LastErrorAt:O} now {DateTimeOffset.UtcNow:O}");
            Assert.Equal(0, after.Backlog);
            Assert.Equal(0, after.SpilledPoints);
            Assert.Equal(0, after.DroppedPoints);
            Assert.Equal(total, after.WrittenPoints); // each point acknowledged once
            Assert.Empty(Directory.GetFiles(options.SpillPath, "*.lp"));
        }

        Assert.False(during.Connected);
        Assert.NotNull(during.LastError);
        Assert.InRange(during.Backlog, 10_000, 20_000); // at least everything written after the kill
        Assert.Equal(during.Backlog, during.SpilledPoints);
        Assert.Equal(0, during.QueuedPoints);

        Assert.Equal(total, await CountAsync(connection, "outage", "v"));
        var rows = Assert.Single(await connection.QueryAsync("SELECT v FROM outage", ct));
        var values = rows.Column("v").Select(v => (long)v!).ToList();
        Assert.Equal(total, values.Count);
        Assert.Equal(Enumerable.Range(0, total).Select(i => (long)i), values.Order());
        DeleteDirectory(options.SpillPath);
    }

    [Fact(Timeout = 120_000)]
    public async Task A_tiny_queue_spills_while_the_server_is_down_and_everything_arrives_later()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = InfluxdProcess.Create(); // ports reserved, not started yet
        var options = Options(server.Url, configure: o =>
        {
            o.BatchSize = 100;
            o.MaxQueuedPoints = 10;
        });
        var connection = Connection(options);
        await using var writer = new InfluxWriter(connection, options);

        var maxQueued = 0L;
        for (var i = 0; i < 2000; i++)
        {
            writer.Write(Sample(i));
            maxQueued = Math.Max(maxQueued, writer.GetStatus().QueuedPoints);
        }

        Assert.InRange(maxQueued, 0, 10);
        await WaitUntilAsync(() => writer.GetStatus().SpilledPoints == 2000, TimeSpan.FromSeconds(10), "all 2000 points are spilled");
        Assert.Equal(2000, writer.GetStatus().Backlog);

        await server.StartAsync(ct);
        await new InfluxSchema(connection).EnsureDatabaseAsync(ct);
        await writer.FlushAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Equal(2000, await CountAsync(connection, "outage", "v"));
        Assert.Equal(0, writer.GetStatus().SpilledPoints);
        Assert.Equal(2000, writer.GetStatus().WrittenPoints);
        DeleteDirectory(options.SpillPath);
    }

    [Fact(Timeout = 120_000)]
    public async Task Concurrent_producers_outrunning_a_small_queue_lose_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await InfluxdProcess.StartNewAsync(ct);
        var options = Options(server.Url, configure: o => o.MaxQueuedPoints = 500);
        var connection = await NewDatabaseAsync(options);
        const int producers = 4;
        const int each = 25_000;

        await using (var writer = new InfluxWriter(connection, options))
        {
            var maxQueued = 0L;
            await Task.WhenAll(Enumerable.Range(0, producers).Select(p => Task.Run(() =>
            {
                for (var i = 0; i < each; i++)
                {
                    writer.Write(Sample((p * each) + i));
                    if (i % 64 == 0)
                    {
                        var queued = writer.GetStatus().QueuedPoints;
                        InterlockedMax(ref maxQueued, queued);
                    }
                }
            }, ct)));

            await writer.FlushAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
            Assert.InRange(maxQueued, 0, 500);
            Assert.Equal(producers * each, writer.GetStatus().WrittenPoints);
        }

        Assert.Equal(producers * each, await CountAsync(connection, "outage", "v"));
        DeleteDirectory(options.SpillPath);
    }

    [Fact(Timeout = 120_000)]
    public async Task Points_spilled_by_a_stopped_writer_are_replayed_by_the_next_one()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await InfluxdProcess.StartNewAsync(ct);
        var options = Options(server.Url, configure: o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300));
        var connection = await NewDatabaseAsync(options);
        server.Kill();

        var first = new InfluxWriter(connection, options);
        for (var i = 0; i < 5000; i++)
        {
            first.Write(Sample(i));
        }

        await first.DisposeAsync(); // server down: the points stay on disk
        Assert.Equal(5000, first.GetStatus().SpilledPoints);

        await server.StartAsync(ct);
        await using var second = new InfluxWriter(connection, options);
        await second.FlushAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);

        Assert.Equal(5000, await CountAsync(connection, "outage", "v"));
        Assert.Equal(5000, second.GetStatus().WrittenPoints);
        DeleteDirectory(options.SpillPath);
    }

    private static Point Sample(int i) =>
        new Point("outage")
            .Tag("ward", (i % 126).ToString("D5", CultureInfo.InvariantCulture))
            .Field("v", i)
            .At(T0.AddMilliseconds(i));

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
