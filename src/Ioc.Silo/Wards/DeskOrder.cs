namespace Ioc.Silo.Wards;

/// <summary>Desk labels in the order people read them: "2" before "10".</summary>
public sealed class DeskOrder : IComparer<string>
{
    public static readonly DeskOrder Instance = new();

    public int Compare(string? x, string? y) =>
        int.TryParse(x, out var a) && int.TryParse(y, out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);
}
