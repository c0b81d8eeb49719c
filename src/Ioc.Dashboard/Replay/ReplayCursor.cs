namespace Ioc.Dashboard.Replay;

/// <summary>The replay clock a circuit last showed, so going from the replayed wall to a ward and back keeps the time (scoped).</summary>
public sealed class ReplayCursor
{
    public ReplayClock? Clock { get; set; }
}
