using System.Collections.Immutable;
using Ioc.Silo.Devices;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public string? Ward { get; set; }
    [Id(1)] public string? Counter { get; set; }
    [Id(2)] public string? DeviceId { get; set; }
    [Id(3)] public DateTimeOffset? LastTs { get; set; }
    [Id(4)] public string Status { get; set; } = "closed";
    [Id(5)] public ImmutableArray<string> Services { get; set; } = [];
    [Id(6)] public DateTimeOffset? LastHeardReal { get; set; }
    [Id(7)] public ReplayWindow Recent { get; set; } = new();
}
