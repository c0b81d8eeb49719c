namespace Ioc.Dashboard.Audit;

/// <summary>
/// One line of the audit trail: who (<see cref="Actor"/>) did what (<see cref="Action"/>) to what
/// (<see cref="Subject"/>), when, from where (<see cref="Address"/>, the client's IP address), and
/// how (<see cref="Detail"/>, e.g. the sign-in path or why it failed).
/// </summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Action, string Actor, string? Subject, string? Address, string? Detail);
