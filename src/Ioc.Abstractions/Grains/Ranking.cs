using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>A ranking as computed at one moment: month to date up to <see cref="Day"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record Ranking(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] DateOnly PeriodStart,
    [property: Id(2)] DateTimeOffset ComputedAt,
    [property: Id(3)] ImmutableArray<RankingEntry> Entries);
