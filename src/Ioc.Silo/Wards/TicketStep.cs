namespace Ioc.Silo.Wards;

/// <summary>What happened to a ticket; the order is the tie-break for events with the same <c>ts</c>.</summary>
public enum TicketStep : byte { Issued, Called, NoShow, Served }
