using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>
/// What the wall shows at one instant: every ward's line and the city strip. <see cref="Number"/>
/// counts the city feed's frames within one activation of the feed (<see cref="Epoch"/>), so a
/// listener that applies <see cref="WallDelta"/>s can tell it missed one.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WallFrame(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] ImmutableArray<WardSummary> Wards,
    [property: Id(2)] CityTotals Totals,
    [property: Id(3)] int AlertsOpen,
    [property: Id(4)] long Number = 0,
    [property: Id(5)] long Epoch = 0)
{
    /// <summary>The same frame as one ward chief may see it: their ward only.</summary>
    public WallFrame For(string ward)
    {
        var own = Wards.Where(w => w.Code == ward).ToImmutableArray();
        return this with { Wards = own, Totals = CityTotals.From(own), AlertsOpen = own.Sum(w => w.AlertsOpen) };
    }
}
