namespace Ioc.Simulator.Model;

/// <summary>A citizen's queue number from issue until a desk is done with it.</summary>
internal sealed record WaitingTicket(string Number, string Service, DateTimeOffset IssuedAt, string Channel);
