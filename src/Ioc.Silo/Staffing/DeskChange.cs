namespace Ioc.Silo.Staffing;

/// <summary>
/// One desk changed for a while: from now it serves <see cref="Serves"/> (an empty list: every service),
/// opening if it is closed, until <see cref="Until"/>; then it goes back to what it serves now (closed,
/// after its citizen, if it is closed now).
/// </summary>
public sealed record DeskChange(string Desk, IReadOnlyList<string> Serves, DateTimeOffset Until)
{
    /// <summary>What it serves after <see cref="Until"/> when that is not what it serves now (a move ordered earlier).</summary>
    public IReadOnlyList<string>? ServesAfter { get; init; }

    /// <summary>It closes after <see cref="Until"/> whatever it is now (a desk opened by an order earlier).</summary>
    public bool ClosesAfter { get; init; }
}
