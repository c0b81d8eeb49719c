using Ioc.Replay;

namespace Ioc.Dashboard.Replay;

/// <summary>A replay started through the API: its own clock at the asked speed, its grain, who started it.</summary>
public sealed record ReplayRun(string Id, string Owner, ReplayRequest Request, ReplayClock Clock, IReplayGrain Grain)
{
    /// <summary>When it was last asked for (real time); a run nobody asks for is let go.</summary>
    public DateTimeOffset LastAsked { get; set; }
}
