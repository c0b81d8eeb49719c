using Ioc.Grains;
using Ioc.Telemetry;

namespace Ioc.Silo.Wards;

/// <summary>One event of a ticket, as the ledger keeps it.</summary>
[GenerateSerializer, Immutable]
public sealed record TicketEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] TicketStep Step,
    [property: Id(2)] DateTimeOffset Ts,
    [property: Id(3)] string? Service = null,
    [property: Id(4)] string? Channel = null,
    [property: Id(5)] string? Counter = null) : IComparable<TicketEvent>
{
    /// <summary>By time, then step, then id: a total order, so the outcome never depends on arrival.</summary>
    public int CompareTo(TicketEvent? other)
    {
        if (other is null) return 1;
        var c = Ts.UtcTicks.CompareTo(other.Ts.UtcTicks);
        if (c == 0) c = Step.CompareTo(other.Step);
        return c != 0 ? c : string.CompareOrdinal(Id, other.Id);
    }

    public static TicketEvent? From(BusinessEvent e) => e.Type switch
    {
        EventTypes.TicketIssued => new(e.EventId, TicketStep.Issued, e.Ts, e.Service, e.Channel),
        EventTypes.TicketCalled => new(e.EventId, TicketStep.Called, e.Ts, Counter: e.Counter),
        EventTypes.TicketNoShow => new(e.EventId, TicketStep.NoShow, e.Ts, Counter: e.Counter),
        EventTypes.TicketServed => new(e.EventId, TicketStep.Served, e.Ts, Counter: e.Counter),
        _ => null,
    };
}
