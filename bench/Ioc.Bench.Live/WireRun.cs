namespace Ioc.Bench.Live;

/// <summary>One wire client's window: what it received per kind of message.</summary>
public sealed record WireResult(string Client, bool MessagePack, bool Deltas, double Seconds, IReadOnlyDictionary<string, WireCount> Counts, long SeqGaps)
{
    public long Bytes => Counts.Values.Sum(c => c.Bytes);
    public int Frames(string target) => Counts.TryGetValue(target, out var c) ? c.Sizes.Count : 0;
    public IReadOnlyList<int> Sizes(string target) => Counts.TryGetValue(target, out var c) ? c.Sizes : [];
}

/// <summary>
/// Bytes on the wire: four wall clients side by side for the same window (JSON and MessagePack,
/// each as a plain client that gets full <c>wall</c> frames and as a delta client), counting every
/// hub message they receive; plus each one's first full frame.
/// </summary>
public sealed class WireRun(LiveOptions options, string token)
{
    public async Task<(IReadOnlyList<WireResult> Window, IReadOnlyDictionary<string, int> FirstFrame, CpuUse Cpu)> Run()
    {
        var clients = new[] { (false, false), (false, true), (true, false), (true, true) }
            .Select(p => new WireClient(options.Url, token, p.Item1, p.Item2)).ToList();
        try
        {
            foreach (var c in clients)
            {
                c.Count();
                await c.Start();
            }
            // The first full frame each got (on connect).
            await Task.Delay(TimeSpan.FromSeconds(3));
            var first = clients.ToDictionary(c => c.Name, c => c.Take().TryGetValue("wall", out var w) && w.Sizes.Count > 0 ? w.Sizes[0] : 0);
            await Quiet.Wait(options.Pid, "byte count");
            var cpu = new CpuMeter(options.Pid);
            foreach (var c in clients) c.Count();
            var started = DateTime.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(options.BytesWindow));
            var seconds = (DateTime.UtcNow - started).TotalSeconds;
            var results = clients.Select(c => new WireResult(c.Name, c.MessagePack, c.Deltas, seconds, c.Take(), c.SeqGaps)).ToList();
            return (results, first, cpu.Stop());
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
    }
}

/// <summary>Phase 0's results: the window's counts per client and each client's first full frame.</summary>
public sealed record WireBytes(IReadOnlyList<WireResult> Window, IReadOnlyDictionary<string, int> FirstFrame, CpuUse Cpu, string From, string To);
