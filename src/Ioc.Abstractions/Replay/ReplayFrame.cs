using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Replay;

/// <summary>
/// The wall of a replayed day at one moment, in the live feed's shape (<see cref="WallFrame"/>: the wards'
/// summaries and <see cref="CityTotals.From"/>), with the alerts open then and the city's new minute samples.
/// </summary>
/// <param name="Applied">Records applied so far, of <see cref="ReplayInfo.Records"/>.</param>
[GenerateSerializer, Immutable]
public sealed record ReplayFrame(
    [property: Id(0)] WallFrame Wall,
    [property: Id(1)] ImmutableArray<Alert> Alerts,
    [property: Id(2)] ImmutableArray<CitySample> Samples,
    [property: Id(3)] int Applied,
    [property: Id(4)] bool Ended);
