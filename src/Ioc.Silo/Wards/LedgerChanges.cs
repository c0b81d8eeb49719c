namespace Ioc.Silo.Wards;

/// <summary>What one batch did to the ledger.</summary>
public sealed class LedgerChanges
{
    public int Accepted => Events.Count;
    /// <summary>The events applied (not repeats), in the order they came.</summary>
    public List<Ioc.Grains.BusinessEvent> Events { get; } = [];
    /// <summary>The estimate given for each ticket issue that got one, by event id.</summary>
    public Dictionary<string, IssueEstimate?> Estimates { get; } = new(StringComparer.Ordinal);
    public int Duplicates { get; set; }
    public bool TicketsChanged { get; set; }
    /// <summary>Each ticket event applied, with the ticket's outcome before and after it (what the estimator learns from).</summary>
    public List<TicketTransition> Tickets { get; } = [];
    /// <summary>Dossiers that got an event (their class may have changed).</summary>
    public HashSet<string> Dossiers { get; } = new(StringComparer.Ordinal);
    /// <summary>Closed days whose figures the batch amended (late events).</summary>
    public SortedSet<DateOnly> AmendedDays { get; } = [];
    /// <summary>Words owed to the wards whose service points took in this ward's dossiers.</summary>
    public List<TakenInNotice> TakenIn { get; } = [];
    /// <summary>The ratings applied (the rating alert rules read them).</summary>
    public List<Ioc.Grains.BusinessEvent> Ratings { get; } = [];
}
