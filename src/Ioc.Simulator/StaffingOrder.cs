namespace Ioc.Simulator;

/// <summary>
/// A ward chief's order to one desk of a simulated hall, as accepted staffing advice says: from now the desk
/// serves <paramref name="Serves"/> (empty: every service), opening if it is closed, until <paramref name="Until"/>;
/// then it goes back to its own services, and a desk the order opened closes after its citizen.
/// </summary>
/// <param name="Ward">The unit's code.</param>
/// <param name="Desk">The desk's label ("03").</param>
public sealed record StaffingOrder(string Ward, string Desk, IReadOnlyList<string> Serves, DateTimeOffset Until);
