namespace Ioc.Simulator.Tests;

/// <summary>One ticket as the test reads it from the events: issue, every call, the end.</summary>
internal sealed record TicketTrace(string Ward, string Ticket, string Service, DateTimeOffset Issued, string Channel)
{
    public List<(DateTimeOffset Ts, string Counter)> Calls { get; } = [];
    public DateTimeOffset? Served { get; set; }
    public DateTimeOffset? NoShow { get; set; }

    /// <summary>Wait = last call − issue (telemetry-v1: a re-called ticket counts once, up to its last call).</summary>
    public double WaitMinutes => (Calls.Max(c => c.Ts) - Issued).TotalMinutes;
}
