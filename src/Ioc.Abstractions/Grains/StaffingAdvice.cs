using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>
/// A move the ward's staffing advisor proposes ("open desk 5 for Hộ tịch", "move desk 3 from Đất đai to
/// Chứng thực for the next hour") with the waits it expects with and without it: the hall played forward
/// for the citizens waiting now and those expected in the next hour, both ways over the same drawn futures.
/// Kinds, desk labels, service codes and numbers only; the page renders the words. Times are UTC.
/// </summary>
/// <param name="ServesNow">What the desk serves now (empty: every service).</param>
/// <param name="Serves">What it would serve until <paramref name="Until"/> (empty: every service).</param>
/// <param name="Waiting">Citizens waiting when the advice was computed.</param>
/// <param name="ExpectedArrivals">Citizens expected in the next hour (learned per service and hour).</param>
/// <param name="TotalWaitSecondsWithout">Expected sum of the waits of those citizens without the move.</param>
/// <param name="TotalWaitSecondsWith">The same with the move.</param>
/// <param name="LongestWaitSecondsWithout">Expected longest wait among them without the move.</param>
/// <param name="LongestWaitSecondsWith">The same with the move.</param>
[GenerateSerializer, Immutable]
public sealed record StaffingAdvice(
    [property: Id(0)] string Id,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Desk,
    [property: Id(3)] ImmutableArray<string> ServesNow,
    [property: Id(4)] ImmutableArray<string> Serves,
    [property: Id(5)] DateTimeOffset ComputedAt,
    [property: Id(6)] DateTimeOffset Until,
    [property: Id(7)] int Waiting,
    [property: Id(8)] double ExpectedArrivals,
    [property: Id(9)] double TotalWaitSecondsWithout,
    [property: Id(10)] double TotalWaitSecondsWith,
    [property: Id(11)] double LongestWaitSecondsWithout,
    [property: Id(12)] double LongestWaitSecondsWith)
{
    /// <summary>Citizens the figures are about: waiting now and expected in the next hour.</summary>
    public double Citizens => Waiting + ExpectedArrivals;

    /// <summary>Citizen-seconds of waiting the move is expected to save.</summary>
    public double SavedSeconds => TotalWaitSecondsWithout - TotalWaitSecondsWith;

    public double MeanWaitSecondsWithout => Citizens > 0 ? TotalWaitSecondsWithout / Citizens : 0;

    public double MeanWaitSecondsWith => Citizens > 0 ? TotalWaitSecondsWith / Citizens : 0;

    /// <summary>Whether two advices ask the same of the same desk (whatever their figures).</summary>
    public bool SameMove(StaffingAdvice other) =>
        Kind == other.Kind && Desk == other.Desk && Serves.SequenceEqual(other.Serves) && ServesNow.SequenceEqual(other.ServesNow);
}
