namespace Ioc.Silo.Wards;

/// <summary>One ticket event applied: the ticket's outcome before and after it.</summary>
public sealed record TicketTransition(DateOnly Day, Ticket Ticket, TicketOutcome Before, TicketOutcome After, TicketEvent Event);
