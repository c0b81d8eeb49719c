namespace Ioc.Grains;

/// <summary>
/// A silence of one alert kind in one ward from <see cref="From"/> to <see cref="To"/> (a planned
/// outage, say): while it holds, the ward still evaluates the kind's rules but raises and pushes
/// nothing new; what is still caused when it ends is raised then. Ended early by its author or an
/// admin (<see cref="EndedBy"/>, <see cref="EndedAt"/>). Times are UTC.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Silence(
    [property: Id(0)] string Id,
    [property: Id(1)] string Ward,
    [property: Id(2)] string Kind,
    [property: Id(3)] DateTimeOffset From,
    [property: Id(4)] DateTimeOffset To,
    [property: Id(5)] string Reason,
    [property: Id(6)] string CreatedBy,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string? EndedBy = null,
    [property: Id(9)] DateTimeOffset? EndedAt = null)
{
    /// <summary>When it stops holding: its end, or when someone ended it, whichever is first.</summary>
    public DateTimeOffset Until => EndedAt is { } e && e < To ? e : To;

    public bool Covers(string kind, DateTimeOffset now) => Kind == kind && From <= now && now < Until;

    public string StateAt(DateTimeOffset now) =>
        now >= Until ? SilenceStates.Ended : now < From ? SilenceStates.Scheduled : SilenceStates.Active;
}
