namespace Ioc.History.Tests;

public sealed class SpillStoreTests : IDisposable
{
    private readonly string _dir = Infrastructure.TestInflux.NewSpillPath();

    public void Dispose() => Infrastructure.TestInflux.DeleteDirectory(_dir);

    [Fact]
    public void Appended_lines_come_back_in_order_in_segments_of_at_most_one_batch()
    {
        using var store = new SpillStore(_dir, segmentLines: 3);
        foreach (var i in Enumerable.Range(0, 7))
        {
            store.Append($"m v={i}i");
        }

        Assert.Equal(7, store.Count);
        Assert.Equal(["m v=0i", "m v=1i", "m v=2i", "m v=3i", "m v=4i", "m v=5i", "m v=6i"], Drain(store).SelectMany(b => b));
        Assert.Equal(0, store.Count);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Prepended_lines_replay_before_appended_ones()
    {
        using var store = new SpillStore(_dir, segmentLines: 2);
        store.Append("new 1");
        store.Append("new 2");
        store.Prepend(["old 1", "old 2", "old 3"]);
        store.Prepend(["older"]);

        var batches = Drain(store);

        Assert.Equal(["older", "old 1", "old 2", "old 3", "new 1", "new 2"], batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 2));
    }

    [Fact]
    public void A_new_store_on_the_same_folder_continues_where_the_old_one_stopped()
    {
        using (var store = new SpillStore(_dir, segmentLines: 4))
        {
            foreach (var i in Enumerable.Range(0, 6))
            {
                store.Append($"line {i}");
            }

            store.Prepend(["first"]);
            var oldest = store.PeekOldest()!;
            Assert.Equal(["first"], SpillStore.ReadLines(oldest.Path));
        }

        using var reopened = new SpillStore(_dir, segmentLines: 4);
        Assert.Equal(7, reopened.Count);
        reopened.Append("line 6");
        reopened.Prepend(["zeroth"]);

        Assert.Equal(["zeroth", "first", "line 0", "line 1", "line 2", "line 3", "line 4", "line 5", "line 6"], Drain(reopened).SelectMany(b => b));
    }

    [Fact]
    public void A_torn_last_line_from_a_crash_is_ignored()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "0000001000000000000.lp"), "m v=1i 1\nm v=2i 2\nm v=");

        using var store = new SpillStore(_dir, segmentLines: 10);

        Assert.Equal(2, store.Count);
        Assert.Equal(["m v=1i 1", "m v=2i 2"], Drain(store).SelectMany(b => b));
    }

    [Fact]
    public void An_interrupted_prepend_is_recovered()
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "0000001000000000000.lp"), "b\n");
        File.WriteAllText(Path.Combine(_dir, "0000000999999999999.lp.tmp"), "a\n");

        using var store = new SpillStore(_dir, segmentLines: 10);

        Assert.Equal(["a", "b"], Drain(store).SelectMany(b => b));
    }

    private static List<List<string>> Drain(SpillStore store)
    {
        var batches = new List<List<string>>();
        while (store.PeekOldest() is { } segment)
        {
            batches.Add(SpillStore.ReadLines(segment.Path));
            Assert.True(store.Remove(segment));
        }

        return batches;
    }
}
