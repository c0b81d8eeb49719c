namespace Ioc.Silo.Wards;

/// <summary>What one batch did to the ledger.</summary>
public sealed class LedgerChanges
{
    public int Accepted { get; set; }
    public int Duplicates { get; set; }
    public bool TicketsChanged { get; set; }
    /// <summary>Each ticket event applied, with the ticket's outcome before and after it (what the estimator learns from).</summary>
    public List<TicketTransition> Tickets { get; } = [];
    /// <summary>Dossiers that got an event (their class may have changed).</summary>
    public HashSet<string> Dossiers { get; } = new(StringComparer.Ordinal);
    /// <summary>Closed days whose figures the batch amended (late events).</summary>
    public SortedSet<DateOnly> AmendedDays { get; } = [];
}
