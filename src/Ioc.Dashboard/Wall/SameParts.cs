using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// Whether a part of a ward's detail is the same as the one on screen (by value: a pushed detail
/// is a new object every time), so a ward page re-renders only the panels whose part changed.
/// </summary>
public static class SameParts
{
    public static bool Same<T>(ImmutableArray<T> a, ImmutableArray<T> b, Func<T, T, bool>? equal = null)
    {
        if (a.IsDefaultOrEmpty || b.IsDefaultOrEmpty) return a.IsDefaultOrEmpty == b.IsDefaultOrEmpty;
        if (a.Length != b.Length) return false;
        equal ??= EqualityComparer<T>.Default.Equals;
        for (var i = 0; i < a.Length; i++)
            if (!equal(a[i], b[i])) return false;
        return true;
    }

    // Records compare their lists by reference: compare those by their items.
    public static bool Same(CounterView a, CounterView b) => a with { Services = default } == b with { Services = default } && Same(a.Services, b.Services);

    public static bool Same(RobotView a, RobotView b) => a with { Trail = default } == b with { Trail = default } && Same(a.Trail, b.Trail);
}
