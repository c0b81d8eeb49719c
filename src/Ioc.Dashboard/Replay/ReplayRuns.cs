using System.Collections.Concurrent;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// The replays started through the API (<c>POST /api/v1/replays</c>), each visible to its starter only.
/// A run not asked for within <see cref="IdleLimit"/> is let go, with its grain's rebuilt wards.
/// </summary>
public sealed class ReplayRuns(Replays replays)
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, ReplayRun> _runs = new(StringComparer.Ordinal);

    public async Task<ReplayRun> Start(ReplayRequest request, string owner)
    {
        await Sweep();
        var id = Guid.NewGuid().ToString("N");
        var clock = new ReplayClock(request.Day, request.Speed, replays.Real);
        if (request.From is { } from) clock.Seek(clock.Start + from);
        var run = new ReplayRun(id, owner, request, clock, replays.Grain(request.Day, id)) { LastAsked = replays.Real.GetUtcNow() };
        _runs[id] = run;
        return run;
    }

    /// <summary>The run, when it exists and is the asker's.</summary>
    public ReplayRun? Find(string id, string owner)
    {
        if (!_runs.TryGetValue(id, out var run) || run.Owner != owner) return null;
        run.LastAsked = replays.Real.GetUtcNow();
        return run;
    }

    public async Task<bool> Stop(string id, string owner)
    {
        if (Find(id, owner) is null || !_runs.TryRemove(id, out var run)) return false;
        await run.Grain.Close();
        return true;
    }

    private async Task Sweep()
    {
        var now = replays.Real.GetUtcNow();
        foreach (var run in _runs.Values.Where(r => now - r.LastAsked > IdleLimit).ToList())
            if (_runs.TryRemove(run.Id, out _)) await run.Grain.Close();
    }
}
