using Ioc.Grains;
using Ioc.Silo.Log;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;

namespace Ioc.Tests.Storage;

/// <summary>
/// The embedded ward log writes every ward's batches together, one transaction a round: a batch that
/// cannot be stored (a second activation writing a seq the ward already has) fails alone, changes
/// nothing, and the other wards' batches of the same moment are kept. Rows are staged in arrival order
/// and moved into the ward-ordered table every few rows here: reads see both, and a reopened log moves
/// what a stopped process left staged.
/// </summary>
public sealed class SqliteWardLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ioc-wardlog-" + Guid.NewGuid().ToString("N"));
    private const int MoveEvery = 7;
    private SqliteWardLog _log = null!;
    private LogRecordCodec _codec = null!;

    public ValueTask InitializeAsync()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(LogRecord).Assembly).AddAssembly(typeof(BusinessEvent).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        _codec = new LogRecordCodec(serializer);
        _log = Open();
        return ValueTask.CompletedTask;
    }

    private SqliteWardLog Open() => new(Path.Combine(_dir, "ward-log.db"), _codec, NullLogger<SqliteWardLog>.Instance, MoveEvery);

    private async Task Reopen()
    {
        await _log.DisposeAsync();
        _log = Open();
    }

    private static long StagedRowsOnDisk(string path)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM staged";
        return (long)cmd.ExecuteScalar()!;
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static LogRecord Ticket(long seq, string id) =>
        new(seq, At.AddSeconds(seq), new BusinessEvent(id, "ticket.issued", At.AddSeconds(seq), "kiosk-1", Ticket: id), null);

    [Fact]
    public async Task A_batch_that_repeats_a_seq_fails_alone_and_the_other_wards_batches_are_kept()
    {
        await _log.Append("00004", [Ticket(1, "A001"), Ticket(2, "A002")]);

        // Its first row is new, its second the ward's: the whole batch must go, its first row too.
        var repeat = _log.Append("00004", [Ticket(3, "B003"), Ticket(2, "B002")]);
        var other = _log.Append("00008", [Ticket(1, "C001")]);
        var next = _log.Append("00004", [Ticket(3, "A003")]);

        await Assert.ThrowsAsync<SqliteException>(() => repeat);
        await other;
        await next;
        Assert.Equal(["A001", "A002", "A003"], (await _log.Read("00004", 0, 10)).Select(r => r.Event.Ticket));
        Assert.Equal(["C001"], (await _log.Read("00008", 0, 10)).Select(r => r.Event.Ticket));
        Assert.Equal(3, await _log.LastSeq("00004"));
    }

    [Fact]
    public async Task Many_wards_appending_at_once_each_read_back_their_own_records_in_order()
    {
        var wards = Enumerable.Range(1, 40).Select(i => $"{i:00000}").ToList();
        await Task.WhenAll(wards.SelectMany(w => Enumerable.Range(0, 5).Select(b => (w, b)))
            .GroupBy(x => x.w)
            .Select(async g =>
            {
                foreach (var (w, b) in g) await _log.Append(w, [Ticket(2 * b + 1, $"{w}-{2 * b + 1}"), Ticket(2 * b + 2, $"{w}-{2 * b + 2}")]);
            }));

        foreach (var w in wards)
            Assert.Equal(Enumerable.Range(1, 10).Select(n => $"{w}-{n}"), (await _log.Read(w, 0, 100)).Select(r => r.Event.Ticket));
    }

    [Fact]
    public async Task Records_read_back_in_order_across_moved_and_staged_rows_and_a_reopened_log_keeps_them_all()
    {
        // 3 + 3 staged, then 3 more pass the move threshold (7): 9 moved, then 2 staged.
        for (var b = 0; b < 4; b++)
        {
            var rows = b < 3 ? 3 : 2;
            await _log.Append("00004", [.. Enumerable.Range(3 * b + 1, rows).Select(s => Ticket(s, $"T{s:000}"))]);
        }
        var expected = Enumerable.Range(1, 11).Select(s => $"T{s:000}").ToList();
        Assert.Equal(expected, (await _log.Read("00004", 0, 100)).Select(r => r.Event.Ticket));
        Assert.Equal(expected[4..9], (await _log.Read("00004", 4, 5)).Select(r => r.Event.Ticket));
        Assert.Equal(expected[8..], (await _log.Read("00004", 8, 100)).Select(r => r.Event.Ticket));
        Assert.Equal(11, await _log.LastSeq("00004"));

        // Stopped with two rows staged: the reopened log moves them before its first read.
        await _log.DisposeAsync();
        Assert.Equal(2, StagedRowsOnDisk(Path.Combine(_dir, "ward-log.db")));
        _log = Open();
        Assert.Equal(0, StagedRowsOnDisk(Path.Combine(_dir, "ward-log.db")));
        Assert.Equal(expected, (await _log.Read("00004", 0, 100)).Select(r => r.Event.Ticket));
        Assert.Equal(11, await _log.LastSeq("00004"));
    }

    [Fact]
    public async Task After_a_reopen_a_batch_repeating_a_stored_seq_still_fails_and_the_next_one_is_kept()
    {
        await _log.Append("00004", [Ticket(1, "A001"), Ticket(2, "A002")]);
        await Reopen();

        await Assert.ThrowsAsync<SqliteException>(() => _log.Append("00004", [Ticket(2, "B002")]));
        await _log.Append("00004", [Ticket(3, "A003")]);
        await Reopen();
        Assert.Equal(["A001", "A002", "A003"], (await _log.Read("00004", 0, 10)).Select(r => r.Event.Ticket));
    }
}
