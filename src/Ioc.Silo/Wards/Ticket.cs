namespace Ioc.Silo.Wards;

/// <summary>One ticket of one day: its events kept in time order, whatever order they arrived in.</summary>
[GenerateSerializer]
public sealed class Ticket
{
    [Id(0)] public required string Label { get; init; }
    [Id(1)] public List<TicketEvent> Events { get; init; } = [];
    /// <summary>
    /// What the center estimated for this ticket when its issue arrived (a fact of that moment,
    /// stored with the ticket; null when the issue arrived too late to be a real estimate).
    /// </summary>
    [Id(2)] public int? EstimatedWaitSeconds { get; set; }
    /// <summary>The forecast behind <see cref="EstimatedWaitSeconds"/>, before the ward's learned correction.</summary>
    [Id(3)] public int? ForecastSeconds { get; set; }

    public TicketOutcome Outcome => TicketOutcome.Of(Events);

    /// <summary>False when an event with this id is already kept.</summary>
    public bool Add(TicketEvent e)
    {
        foreach (var x in Events) if (x.Id == e.Id) return false;
        var i = Events.BinarySearch(e);
        Events.Insert(i < 0 ? ~i : i, e);
        return true;
    }
}
