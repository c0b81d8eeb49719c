namespace Ioc.Silo.Wards;

/// <summary>A ticket at a desk now: called, neither served nor a no-show yet.</summary>
public readonly record struct DeskTicket(DateTimeOffset CalledAt, string Label, string? Service) : IComparable<DeskTicket>
{
    public int CompareTo(DeskTicket other)
    {
        var c = CalledAt.UtcTicks.CompareTo(other.CalledAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(Label, other.Label);
    }
}
