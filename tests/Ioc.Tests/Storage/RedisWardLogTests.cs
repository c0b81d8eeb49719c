using Ioc.Grains;
using Ioc.Silo.Log;
using Ioc.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Ioc.Tests.Storage;

/// <summary>
/// A cluster's ward log on a real redis-server: what a ward acknowledged comes back in order and once,
/// readers' positions never move back, trimming keeps what is still needed, and the log works for
/// every ward that reaches it at once before the silo's start has opened the connection.
/// </summary>
public sealed class RedisWardLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 0, 0, TimeSpan.FromHours(7));
    private RedisProcess _redis = null!;
    private RedisConnection _connection = null!;
    private RedisWardLog _log = null!;

    public async ValueTask InitializeAsync()
    {
        _redis = await RedisProcess.Start();
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(LogRecord).Assembly).AddAssembly(typeof(BusinessEvent).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        _connection = new RedisConnection(_redis.ConnectionString);
        _log = new RedisWardLog(_connection, new LogRecordCodec(serializer), "test");
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    private static LogRecord Ticket(long seq, string id, DateTimeOffset? arrived = null) =>
        new(seq, arrived ?? At.AddSeconds(seq), new BusinessEvent(id, "ticket.issued", At.AddSeconds(seq), "kiosk-1", Ticket: id), null);

    [Fact]
    public async Task A_retried_batch_is_stored_once_and_records_read_back_in_seq_order()
    {
        await _log.Append("00004", [Ticket(2, "A002"), Ticket(1, "A001")]);
        // The retry of a round whose answer was lost carries the same seqs: nothing is written twice.
        await _log.Append("00004", [Ticket(1, "A001"), Ticket(2, "A002")]);
        await _log.Append("00004", [Ticket(3, "A003")]);

        Assert.Equal(["A001", "A002", "A003"], (await _log.Read("00004", 0, 10)).Select(r => r.Event.Ticket));
        Assert.Equal(["A003"], (await _log.Read("00004", 2, 10)).Select(r => r.Event.Ticket));
        Assert.Equal(3, await _log.LastSeq("00004"));
        Assert.Equal(0, await _log.LastSeq("00008"));
    }

    [Fact]
    public async Task A_reader_position_never_moves_back_when_two_silos_ship_the_same_ward()
    {
        await _log.SetPosition("influx", "00004", 7);
        await _log.SetPosition("influx", "00004", 5);

        Assert.Equal(7, await _log.Position("influx", "00004"));
        Assert.Equal(0, await _log.Position("influx", "00008"));
    }

    [Fact]
    public async Task Trimming_removes_only_records_both_read_up_to_and_older_than_the_cut()
    {
        var late = At.AddHours(2);
        await _log.Append("00004", [Ticket(1, "A001"), Ticket(2, "A002"), Ticket(3, "A003", arrived: late), Ticket(4, "A004")]);
        await _log.SaveSnapshot("00004", 4, [1, 2, 3]);

        await _log.Trim("00004", upToSeq: 4, before: At.AddHours(1));

        // Records are a prefix: the one that arrived after the cut keeps itself and every later one.
        Assert.Equal(["A003", "A004"], (await _log.Read("00004", 0, 10)).Select(r => r.Event.Ticket));
        var snapshot = Assert.NotNull(await _log.LoadSnapshot("00004"));
        Assert.Equal(4, snapshot.Seq);
        Assert.Equal([1, 2, 3], snapshot.Snapshot);
        Assert.Null(await _log.LoadSnapshot("00008"));
    }

    [Fact]
    public async Task Every_ward_reaching_the_log_at_once_before_the_silo_opened_it_is_served()
    {
        // No silo lifecycle here: the first of these calls opens the connection, the others wait for it.
        var wards = Enumerable.Range(1, 200).Select(i => i.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await Task.WhenAll(wards.Select(w => _log.Append(w, [Ticket(1, "T" + w)])));

        var last = await Task.WhenAll(wards.Select(w => _log.LastSeq(w)));
        Assert.All(last, seq => Assert.Equal(1, seq));
        Assert.Same(await _connection.Multiplexer(), await _connection.Multiplexer());
    }
}
