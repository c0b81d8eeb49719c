using System.Collections.Immutable;

namespace Ioc.Halls;

/// <summary>
/// The floor plan of a ward's service hall in the robots' own frame (metres, origin at the
/// plan's corner): desks along the back wall, the waiting area in the middle, the entrance
/// at the front and the robots' dock beside it. Robots and the ward page share it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HallPlan(
    [property: Id(0)] double Width,
    [property: Id(1)] double Height,
    [property: Id(2)] ImmutableArray<HallDesk> Desks,
    [property: Id(3)] HallRect WaitingArea,
    [property: Id(4)] HallRect Entrance,
    [property: Id(5)] HallRect Dock)
{
    /// <summary>A standard one-stop hall for <paramref name="counters"/> desks labelled "1".."n".</summary>
    public static HallPlan Standard(int counters)
    {
        counters = Math.Clamp(counters, 1, 40);
        const double deskPitch = 3.0, margin = 2.0;
        var width = Math.Max(20.0, counters * deskPitch + 2 * margin);
        const double height = 16.0;
        var desks = Enumerable.Range(1, counters)
            .Select(i => new HallDesk(i.ToString(System.Globalization.CultureInfo.InvariantCulture), margin + (i - 0.5) * deskPitch, height - 2.0))
            .ToImmutableArray();
        return new HallPlan(
            width,
            height,
            desks,
            WaitingArea: new HallRect(margin, 4.0, width - 2 * margin, 7.0),
            Entrance: new HallRect(width / 2 - 2.0, 0, 4.0, 1.0),
            Dock: new HallRect(1.0, 0.5, 2.0, 2.0));
    }
}
