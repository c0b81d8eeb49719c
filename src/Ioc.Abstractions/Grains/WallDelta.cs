using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>
/// One city feed frame as a change: the lines of the wards that changed since frame
/// <c>Number − 1</c> (in directory order) and the city strip over all wards. Applying deltas
/// 1..n of one <see cref="Epoch"/> to frame 0 gives frame n; a listener that sees another
/// epoch or a skipped number reads the whole frame again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WallDelta(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long Number,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ImmutableArray<WardSummary> Changed,
    [property: Id(4)] CityTotals Totals,
    [property: Id(5)] int AlertsOpen);
