using System.Collections.Immutable;

namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record WardHistory(
    [property: Id(0)] string Ward,
    [property: Id(1)] ImmutableArray<WardSample> Minutes,
    [property: Id(2)] ImmutableArray<DaySummary> Days);
