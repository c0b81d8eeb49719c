using Ioc.Silo.Alerts;
using Ioc.Silo.Wards;

namespace Ioc.Silo.Grains;

/// <summary>Everything a ward must not forget: stored before a business event is acknowledged.</summary>
[GenerateSerializer]
public sealed class WardState
{
    [Id(0)] public WardLedger Ledger { get; init; } = new();
    [Id(1)] public AlertLedger Alerts { get; init; } = new();
    [Id(2)] public DeskBoard Desks { get; init; } = new();
    [Id(3)] public ServiceTimeModel Learned { get; init; } = new();
    /// <summary>Business time of the last event or state that changed the ward.</summary>
    [Id(4)] public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>Wall-clock time the ward last heard from any device (staleness).</summary>
    [Id(5)] public DateTimeOffset? LastHeardReal { get; set; }
}
