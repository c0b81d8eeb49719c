namespace Ioc.Silo.Wards;

/// <summary>A waiting ticket's place in the hall's queue: first issued, first called.</summary>
public readonly record struct WaitingKey(DateTimeOffset IssuedAt, string Label, string Service) : IComparable<WaitingKey>
{
    public int CompareTo(WaitingKey other)
    {
        var c = IssuedAt.UtcTicks.CompareTo(other.IssuedAt.UtcTicks);
        return c != 0 ? c : string.CompareOrdinal(Label, other.Label);
    }
}
