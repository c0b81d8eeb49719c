using System.Collections.Immutable;

namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record CounterStateReport(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Ward,
    [property: Id(3)] string DeviceId,
    [property: Id(4)] string Counter,
    [property: Id(5)] string Status,
    [property: Id(6)] ImmutableArray<string> Services);
