using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>One minute of the city's queue, kept for today's chart.</summary>
[GenerateSerializer, Immutable]
public sealed record CitySample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double? AvgWaitSeconds,
    [property: Id(3)] int Overdue);
