using Ioc.Silo.Alerts;
using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;

namespace Ioc.Silo.Grains;

/// <summary>
/// What a ward keeps besides its log: alerts (with what people did to them), its devices as they last
/// reported, the staffing advice accepted, and when it last heard from them. Small, so writing it is cheap; the figures live in the log.
/// </summary>
[GenerateSerializer]
public sealed class WardState
{
    [Id(0)] public AlertLedger Alerts { get; init; } = new();
    [Id(1)] public DeskBoard Desks { get; init; } = new();
    /// <summary>Business time of the last event or state that changed the ward.</summary>
    [Id(2)] public DateTimeOffset? UpdatedAt { get; set; }
    /// <summary>Wall-clock time the ward last heard from any device (staleness).</summary>
    [Id(3)] public DateTimeOffset? LastHeardReal { get; set; }
    /// <summary>Dossiers this ward's service point took in for other wards, as they told it.</summary>
    [Id(4)] public TakenInBook TakenIn { get; init; } = new();
    /// <summary>Words owed to other wards (dossiers their service points took in), until they stored them.</summary>
    [Id(5)] public Dictionary<string, TakenInNotice> Outbox { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Staffing advice accepted (who, when, which).</summary>
    [Id(6)] public AdviceLedger Advice { get; init; } = new();
}
