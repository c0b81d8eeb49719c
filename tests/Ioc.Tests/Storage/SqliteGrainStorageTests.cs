using Ioc.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using Orleans.Storage;

namespace Ioc.Tests.Storage;

/// <summary>The embedded default's grain storage on a real SQLite file.</summary>
public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ioc-sqlite-" + Guid.NewGuid().ToString("N"));
    private string Db => Path.Combine(_dir, "grains.db");

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>State is a byte array here; the serializer is a seam that passes bytes through.</summary>
    private SqliteGrainStorage Open()
    {
        var serializer = Substitute.For<IGrainStorageSerializer>();
        serializer.Serialize(Arg.Any<byte[]>()).Returns(c => new BinaryData(c.Arg<byte[]>()));
        serializer.Deserialize<byte[]>(Arg.Any<BinaryData>()).Returns(c => c.Arg<BinaryData>().ToArray());
        return new SqliteGrainStorage("test", Db, serializer, NullLogger<SqliteGrainStorage>.Instance);
    }

    private static readonly GrainId Ward = GrainId.Create("ward", "00004");

    [Fact]
    public async Task State_written_is_read_back_after_reopening_and_a_stale_etag_is_refused()
    {
        using (var storage = Open())
        {
            var state = new GrainState<byte[]>([1, 2, 3]);
            await storage.WriteStateAsync("ward", Ward, state);
            var stale = new GrainState<byte[]>([9]) { ETag = state.ETag };
            await storage.WriteStateAsync("ward", Ward, state);
            // Another activation still holding the first version must not overwrite the second.
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("ward", Ward, stale));
        }
        using var reopened = Open();
        var read = new GrainState<byte[]>();
        await reopened.ReadStateAsync("ward", Ward, read);
        Assert.Equal([1, 2, 3], read.State);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task The_write_ahead_log_is_checkpointed_so_the_disk_does_not_fill()
    {
        using var storage = Open();
        var bytes = new byte[64 * 1024];
        var state = new GrainState<byte[]>(bytes);
        // 3,000 writes of 64 KiB = 190 MiB through the log; checkpoints keep it near SQLite's 4 MiB target.
        for (var i = 0; i < 3000; i++)
        {
            bytes[i % bytes.Length] = (byte)i;
            await storage.WriteStateAsync("ward", Ward, state);
        }
        var wal = new FileInfo(Db + "-wal");
        Assert.True(!wal.Exists || wal.Length < 16 * 1024 * 1024, $"WAL is {wal.Length / 1024 / 1024} MiB");
    }

    [Fact]
    public async Task Many_grains_writing_and_reading_at_once_each_read_back_their_own_state_and_a_stale_write_fails_alone()
    {
        using var storage = Open();
        var stale = new GrainState<byte[]>([0]);
        await storage.WriteStateAsync("ward", Ward, stale);
        var current = new GrainState<byte[]>([0]) { ETag = stale.ETag };
        await storage.WriteStateAsync("ward", Ward, current);

        // 400 grains, each writing five versions while others read, and one stale write in the middle.
        var grains = Enumerable.Range(0, 400).Select(i => GrainId.Create("device", $"d{i}")).ToArray();
        var staleWrite = Task.Run(() => storage.WriteStateAsync("ward", Ward, stale));
        await Task.WhenAll(grains.Select((g, i) => Task.Run(async () =>
        {
            var state = new GrainState<byte[]>();
            for (byte v = 1; v <= 5; v++)
            {
                state.State = [(byte)(i % 256), v];
                await storage.WriteStateAsync("device", g, state);
                var read = new GrainState<byte[]>();
                await storage.ReadStateAsync("device", g, read);
                Assert.Equal(state.State, read.State);
                Assert.Equal(state.ETag, read.ETag);
            }
        })));
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);

        using var reopened = Open();
        foreach (var (g, i) in grains.Select((g, i) => (g, i)))
        {
            var read = new GrainState<byte[]>();
            await reopened.ReadStateAsync("device", g, read);
            Assert.Equal([(byte)(i % 256), 5], read.State);
        }
        var ward = new GrainState<byte[]>();
        await reopened.ReadStateAsync("ward", Ward, ward);
        Assert.Equal(current.ETag, ward.ETag);
    }
}
