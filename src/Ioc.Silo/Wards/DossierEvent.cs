using Ioc.Grains;
using Ioc.Telemetry;

namespace Ioc.Silo.Wards;

/// <summary>One event of a dossier, as the ledger keeps it.</summary>
[GenerateSerializer, Immutable]
public sealed record DossierEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] DossierStep Step,
    [property: Id(2)] DateTimeOffset Ts,
    [property: Id(3)] string? Procedure = null,
    [property: Id(4)] string? Service = null,
    [property: Id(5)] string? Channel = null,
    [property: Id(6)] DateTimeOffset? DueAt = null,
    [property: Id(7)] bool? Digitized = null,
    [property: Id(8)] string? ReceivedAt = null) : IComparable<DossierEvent>
{
    public int CompareTo(DossierEvent? other)
    {
        if (other is null) return 1;
        var c = Ts.UtcTicks.CompareTo(other.Ts.UtcTicks);
        if (c == 0) c = Step.CompareTo(other.Step);
        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }

    public static DossierEvent? From(BusinessEvent e) => e.Type switch
    {
        EventTypes.DossierReceived => new(e.EventId, DossierStep.Received, e.Ts, e.Procedure, e.Service, e.Channel, e.DueAt, e.Digitized, e.ReceivedAt),
        EventTypes.DossierPaused => new(e.EventId, DossierStep.Paused, e.Ts),
        EventTypes.DossierResumed => new(e.EventId, DossierStep.Resumed, e.Ts),
        EventTypes.DossierResolved => new(e.EventId, DossierStep.Resolved, e.Ts),
        _ => null,
    };
}
