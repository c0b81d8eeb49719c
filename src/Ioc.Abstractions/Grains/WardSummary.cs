using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>One line of GET /api/v1/wards.</summary>
[GenerateSerializer, Immutable]
public record WardSummary
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Status { get; init; }
    [Id(4)] public int Waiting { get; init; }
    [Id(7)] public int CountersOpen { get; init; }
    [Id(8)] public int RobotsOnline { get; init; }
    [Id(9)] public int RobotsTotal { get; init; }
    [Id(10)] public required DossierCounts Dossiers { get; init; }
    [Id(12)] public DateTimeOffset? UpdatedAt { get; init; }
    // Beyond api-v1's minimum: what the wall and the service index need.
    [Id(13)] public int TicketsIssued { get; init; }
    [Id(14)] public int TicketsServed { get; init; }
    [Id(15)] public int TicketsNoShow { get; init; }
    [Id(16)] public int TicketsCalled { get; init; }
    [Id(17)] public int WaitsOverTarget { get; init; }
    [Id(18)] public int Ratings { get; init; }
    [Id(19)] public int RatingsGood { get; init; }
    [Id(21)] public int WaitEstimatesCompared { get; init; }
    [Id(22)] public int AlertsOpen { get; init; }
    [Id(23)] public required string Day { get; init; }
    [Id(24)] public int WaitsMeasured { get; init; }
    /// <summary>Today's waits in 5-minute buckets; the last bucket is 60 minutes and more.</summary>
    [Id(25)] public ImmutableArray<int> WaitHistogram { get; init; } = [];
    // Exact sums behind the averages, so the city's figures are computed from sums, never from
    // rounded ward averages.
    [Id(26)] public long WaitMillisSum { get; init; }
    [Id(27)] public int RatingSum { get; init; }
    [Id(28)] public long WaitEstimateAbsErrorMillisSum { get; init; }
    /// <summary>The actual waits of the tickets whose estimate was compared.</summary>
    [Id(29)] public long WaitEstimatedTicketsMillisSum { get; init; }
    /// <summary>Compared tickets that waited more than five minutes longer than estimated.</summary>
    [Id(30)] public int WaitEstimatesUnderBy5Min { get; init; }
    [Id(31)] public int ServicesMeasured { get; init; }
    [Id(32)] public long ServiceMillisSum { get; init; }
    [Id(33)] public long WaitMillisMax { get; init; }

    // Derived from the sums above: one source of truth, unrounded (rounding is for display).
    public double? AvgWaitSeconds => WaitsMeasured > 0 ? WaitMillisSum / 1000.0 / WaitsMeasured : null;
    public double? MaxWaitSeconds => WaitsMeasured > 0 ? WaitMillisMax / 1000.0 : null;
    public double? Satisfaction => Ratings > 0 ? (double)RatingSum / Ratings : null;
    public double? WaitEstimateMaeSeconds => WaitEstimatesCompared > 0 ? WaitEstimateAbsErrorMillisSum / 1000.0 / WaitEstimatesCompared : null;
    public double? WaitEstimateErrorShare => WaitEstimatedTicketsMillisSum > 0 ? (double)WaitEstimateAbsErrorMillisSum / WaitEstimatedTicketsMillisSum : null;
    public double? WaitEstimatesUnderShare => WaitEstimatesCompared > 0 ? (double)WaitEstimatesUnderBy5Min / WaitEstimatesCompared : null;
}
