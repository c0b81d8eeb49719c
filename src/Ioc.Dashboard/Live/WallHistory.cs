namespace Ioc.Dashboard.Live;

/// <summary>
/// The updates this process applied lately, oldest first, each one more than the one before. A
/// connection that was busy sending takes the latest and every update since the one its picture
/// stands at, so however far behind it fell it gets one frame, not a queue of them.
/// </summary>
public sealed class WallHistory
{
    private const int Keep = 64;
    // Replaced whole on each update (one writer: the live feed applies frames one at a time).
    private volatile WallUpdate[] _recent = [];

    public WallUpdate? Current => _recent is { Length: > 0 } r ? r[^1] : null;

    public void Add(WallUpdate update)
    {
        var r = _recent;
        _recent = r.Length < Keep ? [.. r, update] : [.. r.AsSpan(1), update];
    }

    /// <summary>The updates after number <paramref name="number"/> up to the latest (none when it is the latest); null when some are no longer kept.</summary>
    public IReadOnlyList<WallUpdate>? After(long number)
    {
        var r = _recent;
        if (r.Length == 0 || number >= r[^1].Number) return [];
        var from = number + 1 - r[0].Number;
        return from < 0 ? null : r[(int)from..];
    }
}
