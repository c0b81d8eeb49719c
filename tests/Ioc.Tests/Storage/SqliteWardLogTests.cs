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
/// nothing, and the other wards' batches of the same moment are kept.
/// </summary>
public sealed class SqliteWardLogTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(7));
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ioc-wardlog-" + Guid.NewGuid().ToString("N"));
    private SqliteWardLog _log = null!;

    public ValueTask InitializeAsync()
    {
        var serializer = new ServiceCollection()
            .AddSerializer(b => b.AddAssembly(typeof(LogRecord).Assembly).AddAssembly(typeof(BusinessEvent).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        _log = new SqliteWardLog(Path.Combine(_dir, "ward-log.db"), new LogRecordCodec(serializer), NullLogger<SqliteWardLog>.Instance);
        return ValueTask.CompletedTask;
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
}
