using System.Globalization;
using System.Net;
using Ioc.History.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using NSubstitute;
using static Ioc.History.Tests.Infrastructure.TestInflux;

namespace Ioc.History.Tests;

/// <summary>Writer behaviour against an in-process fake of the HTTP API (fast and deterministic).</summary>
public sealed class WriterWithFakeServerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeInfluxHandler _fake = new();
    private readonly List<string> _spillPaths = [];

    public void Dispose()
    {
        _fake.Dispose();
        foreach (var path in _spillPaths)
        {
            DeleteDirectory(path);
        }
    }

    [Fact]
    public async Task Batches_hold_at_most_BatchSize_lines_and_carry_db_precision_and_token()
    {
        await using var writer = NewWriter(o =>
        {
            o.Token = "s3cr3t";
            o.Database = "hà nội";
            o.FlushInterval = TimeSpan.FromHours(1); // only full batches, until the flush
        });

        foreach (var i in Enumerable.Range(0, 12_345))
        {
            writer.Write(WardPoint(i));
        }

        await writer.FlushAsync(Ct);

        var requests = _fake.Requests;
        Assert.Equal([5000, 5000, 2345], requests.Select(r => r.Lines.Count));
        Assert.All(requests, r =>
        {
            Assert.Equal("Token s3cr3t", r.Authorization);
            Assert.Equal("text/plain; charset=utf-8", r.ContentType);
            Assert.Equal("?db=h%C3%A0%20n%E1%BB%99i&precision=ms", r.Uri.Query);
        });
        Assert.Equal(Expected(12_345), _fake.Accepted);
        var status = writer.GetStatus();
        Assert.Equal(12_345, status.WrittenPoints);
        Assert.Equal(0, status.Backlog);
        Assert.True(status.Connected);
    }

    [Fact]
    public async Task Vietnamese_text_is_sent_as_utf8()
    {
        await using var writer = NewWriter();
        writer.Write(new Point("ward").Tag("tên", "Phường Hồng Hà").Field("ghi chú", "Đông đúc").At(T0));

        await writer.FlushAsync(Ct);

        Assert.Equal(["ward,tên=Phường\\ Hồng\\ Hà ghi\\ chú=\"Đông đúc\" 1740787200000"], _fake.Accepted);
    }

    [Fact]
    public async Task While_down_points_spill_and_then_replay_in_order_exactly_once()
    {
        _fake.Down = true;
        await using var writer = NewWriter(o =>
        {
            o.BatchSize = 500;
            o.MaxQueuedPoints = 100;
        });

        foreach (var i in Enumerable.Range(0, 3000))
        {
            writer.Write(WardPoint(i));
        }

        await WaitUntilAsync(() => writer.GetStatus().SpilledPoints == 3000, TimeSpan.FromSeconds(10), "all points are spilled");
        var down = writer.GetStatus();
        Assert.False(down.Connected);
        Assert.Equal(3000, down.Backlog);
        Assert.Equal(0, down.QueuedPoints);
        Assert.NotNull(down.LastError);
        Assert.NotNull(down.LastErrorAt);
        Assert.NotEmpty(Directory.GetFiles(_spillPaths[0], "*.lp"));

        _fake.Down = false;
        await writer.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(Expected(3000), _fake.Accepted);
        var up = writer.GetStatus();
        Assert.True(up.Connected);
        Assert.Equal(0, up.Backlog);
        Assert.Equal(0, up.SpilledPoints);
        Assert.Equal(3000, up.WrittenPoints);
        Assert.All(_fake.Requests, r => Assert.InRange(r.Lines.Count, 1, 500));
        Assert.Empty(Directory.GetFiles(_spillPaths[0], "*.lp"));
    }

    [Fact]
    public async Task Order_is_kept_when_the_server_fails_while_points_keep_coming()
    {
        await using var writer = NewWriter(o =>
        {
            o.BatchSize = 200;
            o.MaxQueuedPoints = 300;
            o.FlushInterval = TimeSpan.FromMilliseconds(20);
            o.RetryInitialDelay = TimeSpan.FromMilliseconds(5);
            o.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
        });

        const int total = 20_000;
        for (var i = 0; i < total; i++)
        {
            // Two outages while the stream goes on.
            _fake.Down = i is (>= 4_000 and < 8_000) or (>= 12_000 and < 12_500);
            writer.Write(WardPoint(i));
            if (i % 500 == 0)
            {
                await Task.Delay(5, Ct);
            }
        }

        _fake.Down = false;
        await writer.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        Assert.Equal(Expected(total), _fake.Accepted);
        Assert.Equal(total, writer.GetStatus().WrittenPoints);
        Assert.Equal(0, writer.GetStatus().Backlog);
    }

    [Fact]
    public async Task Queue_never_exceeds_its_cap_and_overflow_goes_to_the_spill()
    {
        using var hold = new SemaphoreSlim(0);
        _fake.Hold = hold; // the server takes its time, so the queue fills up
        await using var writer = NewWriter(o =>
        {
            o.BatchSize = 50;
            o.MaxQueuedPoints = 10;
        });

        var maxQueued = 0L;
        foreach (var i in Enumerable.Range(0, 1000))
        {
            writer.Write(WardPoint(i));
            maxQueued = Math.Max(maxQueued, writer.GetStatus().QueuedPoints);
        }

        var status = writer.GetStatus();
        Assert.InRange(maxQueued, 1, 10);
        Assert.InRange(status.SpilledPoints, 1000 - 10 - 50, 1000);
        Assert.Equal(1000, status.Backlog);

        hold.Release();
        await writer.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(Expected(1000), _fake.Accepted);
        Assert.Equal(0, writer.GetStatus().SpilledPoints);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_accepted()
    {
        _fake.Respond = (n, _) => n < 3 ? (HttpStatusCode.ServiceUnavailable, "engine: cache-max-memory-size exceeded") : null;
        await using var writer = NewWriter();

        foreach (var i in Enumerable.Range(0, 100))
        {
            writer.Write(WardPoint(i));
        }

        await writer.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(Expected(100), _fake.Accepted);
        Assert.True(_fake.Requests.Count >= 4);
        var status = writer.GetStatus();
        Assert.Equal(100, status.WrittenPoints);
        // The 503s are over: once a write goes through the status no longer reports them.
        Assert.Null(status.LastError);
    }

    [Fact]
    public async Task A_partial_write_counts_the_dropped_points_and_moves_on()
    {
        _fake.Respond = (n, _) => n == 0 ? (HttpStatusCode.BadRequest, "partial write: field type conflict dropped=2") : null;
        await using var writer = NewWriter(o => o.BatchSize = 10);

        foreach (var i in Enumerable.Range(0, 25))
        {
            writer.Write(WardPoint(i));
        }

        await writer.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        var status = writer.GetStatus();
        Assert.Equal(2, status.DroppedPoints);
        Assert.Equal(23, status.WrittenPoints);
        Assert.Equal(0, status.Backlog);
        Assert.Equal(3, _fake.Requests.Count); // the refused batch is not sent again
    }

    [Fact]
    public async Task Dispose_sends_what_is_queued()
    {
        var writer = NewWriter(o => o.FlushInterval = TimeSpan.FromHours(1));
        foreach (var i in Enumerable.Range(0, 10))
        {
            writer.Write(WardPoint(i));
        }

        await writer.DisposeAsync();

        Assert.Equal(Expected(10), _fake.Accepted);
        Assert.Throws<ObjectDisposedException>(() => writer.Write(WardPoint(10)));
    }

    [Fact]
    public async Task Points_left_in_the_spill_at_stop_are_sent_by_the_next_writer()
    {
        _fake.Down = true;
        var spill = NewSpillPath();
        var first = NewWriter(o =>
        {
            o.SpillPath = spill;
            o.ShutdownTimeout = TimeSpan.FromMilliseconds(200);
        });
        foreach (var i in Enumerable.Range(0, 1234))
        {
            first.Write(WardPoint(i));
        }

        await first.DisposeAsync();
        Assert.Equal(1234, first.GetStatus().SpilledPoints);

        _fake.Down = false;
        await using var second = NewWriter(o => o.SpillPath = spill);
        Assert.Equal(1234, second.GetStatus().Backlog);
        second.Write(WardPoint(1234));
        await second.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.Equal(Expected(1235), _fake.Accepted);
        Assert.Equal(0, second.GetStatus().Backlog);
    }

    [Fact]
    public async Task Raw_lines_with_line_breaks_are_rejected()
    {
        await using var writer = NewWriter();
        Assert.Throws<ArgumentException>(() => writer.WriteLineProtocol("m v=1i 1\nm v=2i 2"));
        writer.WriteLineProtocol("m v=1i 1");
        await writer.FlushAsync(Ct);
        Assert.Equal(["m v=1i 1"], _fake.Accepted);
    }

    [Fact]
    public async Task Points_without_timestamp_are_stamped_when_queued()
    {
        var now = new DateTimeOffset(2025, 6, 1, 8, 30, 0, 123, TimeSpan.Zero);
        var clock = Substitute.ForPartsOf<TimeProvider>();
        clock.GetUtcNow().Returns(now);
        await using var writer = NewWriter(time: clock);

        writer.Write(new Point("ward").Tag("ward", "00004").Field("waiting", 3));
        await writer.FlushAsync(Ct);

        // A retry of this line overwrites instead of adding a second point with a later server time.
        Assert.Equal(["ward,ward=00004 waiting=3i 1748766600123"], _fake.Accepted);
    }

    [Fact]
    public async Task An_outage_logs_one_warning_not_one_per_retry()
    {
        var logger = Substitute.For<ILogger<InfluxWriter>>();
        await using var writer = NewWriter(o => o.RetryMaxDelay = TimeSpan.FromMilliseconds(10), logger);
        writer.Write(WardPoint(0));
        await writer.FlushAsync(Ct);

        _fake.Down = true;
        writer.Write(WardPoint(1));
        await WaitUntilAsync(() => writer.GetStatus().SpilledPoints == 1, TimeSpan.FromSeconds(10), "the point is spilled");
        await Task.Delay(200, Ct); // many retries
        _fake.Down = false;
        await writer.FlushAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        int Logged(LogLevel level) => logger.ReceivedCalls().Count(c => c.GetMethodInfo().Name == nameof(ILogger.Log) && (LogLevel)c.GetArguments()[0]! == level);
        Assert.Equal(1, Logged(LogLevel.Warning));
        Assert.Equal(1, Logged(LogLevel.Information)); // "reachable again"
        Assert.Equal(Expected(2), _fake.Accepted);
    }

    private InfluxWriter NewWriter(Action<InfluxOptions>? configure = null, ILogger<InfluxWriter>? logger = null, TimeProvider? time = null)
    {
        var options = Options("http://influx.test:8086", "ioc", configure);
        _spillPaths.Add(options.SpillPath);
        return new InfluxWriter(new InfluxConnection(_fake.CreateClient(), options), options, logger ?? Logger<InfluxWriter>(), time);
    }

    private static Point WardPoint(int i) =>
        new Point("ward").Tag("ward", "W" + (i % 7).ToString(CultureInfo.InvariantCulture)).Field("seq", i).At(T0.AddMilliseconds(i));

    private static List<string> Expected(int count) => [.. Enumerable.Range(0, count).Select(i => WardPoint(i).ToLineProtocol())];
}
