using System.Buffers.Binary;
using StackExchange.Redis;

namespace Ioc.Silo.Log;

/// <summary>
/// The wards' logs in Redis (a cluster): per ward a sorted set scored by seq (one ZADD per batch, atomic),
/// the snapshot as a string (seq, then the state), the readers' positions in a hash. Durable as the
/// Redis server is configured (AOF in production).
/// </summary>
public sealed class RedisWardLog(RedisConnection redis, LogRecordCodec codec, string prefix) : IWardLog
{
    // Open after the silo's start: a completed task, so each call takes the database without allocating.
    private async ValueTask<IDatabase> Db() => (await redis.Multiplexer().ConfigureAwait(false)).GetDatabase();
    private RedisKey LogKey(string ward) => $"{prefix}:log:{ward}";
    private RedisKey SnapshotKey(string ward) => $"{prefix}:snapshot:{ward}";
    private RedisKey PositionKey(string reader) => $"{prefix}:position:{reader}";

    public async Task Append(string ward, IReadOnlyList<LogRecord> records)
    {
        if (records.Count == 0) return;
        var entries = records.Select(r => new SortedSetEntry(codec.Encode(r), r.Seq)).ToArray();
        var db = await Db().ConfigureAwait(false);
        // NX: a seq already written (a retry of a round whose answer was lost) is not written twice.
        await db.SortedSetAddAsync(LogKey(ward), entries, SortedSetWhen.NotExists).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<LogRecord>> Read(string ward, long afterSeq, int max)
    {
        var db = await Db().ConfigureAwait(false);
        var values = await db.SortedSetRangeByScoreAsync(LogKey(ward), afterSeq, double.PositiveInfinity, Exclude.Start, Order.Ascending, 0, max)
            .ConfigureAwait(false);
        return [.. values.Select(v => codec.Decode((byte[])v!))];
    }

    public async Task<long> LastSeq(string ward)
    {
        var db = await Db().ConfigureAwait(false);
        var last = await db.SortedSetRangeByRankWithScoresAsync(LogKey(ward), -1, -1).ConfigureAwait(false);
        return last.Length == 0 ? 0 : (long)last[0].Score;
    }

    public async Task SaveSnapshot(string ward, long seq, byte[] snapshot)
    {
        var bytes = new byte[8 + snapshot.Length];
        BinaryPrimitives.WriteInt64BigEndian(bytes, seq);
        snapshot.CopyTo(bytes, 8);
        var db = await Db().ConfigureAwait(false);
        await db.StringSetAsync(SnapshotKey(ward), bytes).ConfigureAwait(false);
    }

    public async Task<(long Seq, byte[] Snapshot)?> LoadSnapshot(string ward)
    {
        var db = await Db().ConfigureAwait(false);
        var value = await db.StringGetAsync(SnapshotKey(ward)).ConfigureAwait(false);
        if (value.IsNull) return null;
        var bytes = (byte[])value!;
        return (BinaryPrimitives.ReadInt64BigEndian(bytes), bytes[8..]);
    }

    public async Task<long> Position(string reader, string ward)
    {
        var db = await Db().ConfigureAwait(false);
        var value = await db.HashGetAsync(PositionKey(reader), ward).ConfigureAwait(false);
        return value.IsNull ? 0 : (long)value;
    }

    public async Task SetPosition(string reader, string ward, long seq)
    {
        // Positions only move forward, also when two silos ship the same ward for a moment.
        const string script = "local c = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') if tonumber(ARGV[2]) > c then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end";
        var db = await Db().ConfigureAwait(false);
        await db.ScriptEvaluateAsync(script, [PositionKey(reader)], [ward, seq]).ConfigureAwait(false);
    }

    public async Task Trim(string ward, long upToSeq, DateTimeOffset before)
    {
        // Records arrive in seq order, so the ones up to a seq that arrived before a time are a prefix.
        var old = await Read(ward, 0, int.MaxValue).ConfigureAwait(false);
        var cut = old.TakeWhile(r => r.Seq <= upToSeq && r.ArrivedAt < before).LastOrDefault();
        if (cut is null) return;
        var db = await Db().ConfigureAwait(false);
        await db.SortedSetRemoveRangeByScoreAsync(LogKey(ward), double.NegativeInfinity, cut.Seq).ConfigureAwait(false);
    }

    public async Task<long> StoredBytes(string ward)
    {
        var db = await Db().ConfigureAwait(false);
        var all = await db.SortedSetRangeByScoreAsync(LogKey(ward)).ConfigureAwait(false);
        return all.Sum(v => (long)((byte[])v!).Length);
    }
}
