namespace Ioc.Silo.Wards;

/// <summary>
/// The tickets of one Hanoi day (labels start again every morning). Keeps the queue and the
/// desks' current tickets as indexes, so reads cost the size of the queue, not of the day.
/// </summary>
[GenerateSerializer]
public sealed class TicketBook
{
    [Id(0)] public DateOnly Day { get; init; }
    [Id(1)] public Dictionary<string, Ticket> Tickets { get; init; } = new(StringComparer.Ordinal);

    // Indexes, rebuilt from the tickets after loading.
    [NonSerialized] private SortedSet<WaitingKey>? _waiting;
    [NonSerialized] private Dictionary<string, SortedSet<DeskTicket>>? _atDesk;

    /// <summary>Waiting tickets, oldest first.</summary>
    public SortedSet<WaitingKey> Waiting { get { EnsureIndexes(); return _waiting!; } }

    /// <summary>The ticket a desk called last and has not finished, if any.</summary>
    public DeskTicket? CurrentAt(string counter)
    {
        EnsureIndexes();
        return _atDesk!.TryGetValue(counter, out var set) && set.Count > 0 ? set.Max : null;
    }

    public IEnumerable<string> DesksWithTickets { get { EnsureIndexes(); return _atDesk!.Where(d => d.Value.Count > 0).Select(d => d.Key); } }

    public Ticket GetOrAdd(string label) =>
        Tickets.TryGetValue(label, out var t) ? t : Tickets[label] = new Ticket { Label = label };

    /// <summary>Takes a ticket out of the indexes before it changes; <see cref="Index"/> puts it back.</summary>
    public void Unindex(Ticket t, TicketOutcome o)
    {
        EnsureIndexes();
        if (o.State == TicketState.Waiting) _waiting!.Remove(Key(t, o));
        else if (o.State == TicketState.AtDesk && o.LastCall?.Counter is { } desk && _atDesk!.TryGetValue(desk, out var set))
            set.Remove(new DeskTicket(o.LastCall.Ts, t.Label, o.Service));
    }

    public void Index(Ticket t, TicketOutcome o)
    {
        EnsureIndexes();
        if (o.State == TicketState.Waiting) _waiting!.Add(Key(t, o));
        else if (o.State == TicketState.AtDesk && o.LastCall?.Counter is { } desk)
        {
            if (!_atDesk!.TryGetValue(desk, out var set)) _atDesk[desk] = set = [];
            set.Add(new DeskTicket(o.LastCall.Ts, t.Label, o.Service));
        }
    }

    private static WaitingKey Key(Ticket t, TicketOutcome o) => new(o.Issued!.Ts, t.Label, o.Service ?? "");

    private void EnsureIndexes()
    {
        if (_waiting is not null) return;
        _waiting = [];
        _atDesk = new(StringComparer.Ordinal);
        foreach (var t in Tickets.Values) Index(t, t.Outcome);
    }
}
