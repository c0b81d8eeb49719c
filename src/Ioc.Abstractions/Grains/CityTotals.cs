using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>
/// The city strip of the wall: the one place where ward lines become city figures, always from the
/// wards' exact sums and counts (never from their rounded averages), so the city and its wards agree.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CityTotals(
    [property: Id(0)] int Wards,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int WaitsMeasured,
    [property: Id(3)] long WaitMillisSum,
    [property: Id(4)] long WaitMillisMax,
    [property: Id(5)] int WaitsOverTarget,
    [property: Id(6)] int Overdue,
    [property: Id(7)] int DueSoon,
    [property: Id(8)] int InProgress,
    [property: Id(9)] int DossiersReceived,
    [property: Id(10)] int DossiersReceivedOnline,
    [property: Id(11)] int DossiersResolvedOnTime,
    [property: Id(12)] int DossiersResolvedLate,
    [property: Id(13)] int RobotsOnline,
    [property: Id(14)] int RobotsTotal,
    [property: Id(15)] int CountersOpen,
    [property: Id(16)] int Ratings,
    [property: Id(17)] int RatingSum,
    [property: Id(18)] int WaitEstimatesCompared,
    [property: Id(19)] long WaitEstimateAbsErrorMillisSum,
    [property: Id(20)] long WaitEstimatedTicketsMillisSum,
    [property: Id(21)] int WaitEstimatesUnderBy5Min,
    [property: Id(22)] int TicketsIssued,
    [property: Id(23)] int TicketsServed,
    [property: Id(24)] int AlertsOpen,
    [property: Id(25)] ImmutableDictionary<string, int> WardsByStatus,
    [property: Id(26)] int DossiersReceivedElsewhere = 0,
    [property: Id(27)] int DossiersTakenInForOthers = 0)
{
    public double? AvgWaitSeconds => WaitsMeasured > 0 ? WaitMillisSum / 1000.0 / WaitsMeasured : null;
    public double? MaxWaitSeconds => WaitsMeasured > 0 ? WaitMillisMax / 1000.0 : null;
    public double? ShareOverWaitTarget => WaitsMeasured > 0 ? (double)WaitsOverTarget / WaitsMeasured : null;
    /// <summary>Share of today's received dossiers filed at a service point other than the responsible unit's.</summary>
    public double? ShareFiledElsewhere => DossiersReceived > 0 ? (double)DossiersReceivedElsewhere / DossiersReceived : null;

    public double? Satisfaction => Ratings > 0 ? (double)RatingSum / Ratings : null;
    public double? WaitEstimateMaeSeconds => WaitEstimatesCompared > 0 ? WaitEstimateAbsErrorMillisSum / 1000.0 / WaitEstimatesCompared : null;

    /// <summary>The estimate's mean absolute error as a share of the mean actual wait of the same tickets.</summary>
    public double? WaitEstimateErrorShare => WaitEstimatedTicketsMillisSum > 0 ? (double)WaitEstimateAbsErrorMillisSum / WaitEstimatedTicketsMillisSum : null;

    /// <summary>Share of compared tickets that waited more than five minutes longer than they were told.</summary>
    public double? WaitEstimatesUnderShare => WaitEstimatesCompared > 0 ? (double)WaitEstimatesUnderBy5Min / WaitEstimatesCompared : null;

    public static CityTotals From(IReadOnlyCollection<WardSummary> wards) => new(
        wards.Count,
        wards.Sum(w => w.Waiting),
        wards.Sum(w => w.WaitsMeasured),
        wards.Sum(w => w.WaitMillisSum),
        wards.Select(w => w.WaitMillisMax).DefaultIfEmpty(0).Max(),
        wards.Sum(w => w.WaitsOverTarget),
        wards.Sum(w => w.Dossiers.Overdue),
        wards.Sum(w => w.Dossiers.DueSoon),
        wards.Sum(w => w.Dossiers.InProgress),
        wards.Sum(w => w.Dossiers.Received),
        wards.Sum(w => w.Dossiers.ReceivedOnline),
        wards.Sum(w => w.Dossiers.ResolvedOnTime),
        wards.Sum(w => w.Dossiers.ResolvedLate),
        wards.Sum(w => w.RobotsOnline),
        wards.Sum(w => w.RobotsTotal),
        wards.Sum(w => w.CountersOpen),
        wards.Sum(w => w.Ratings),
        wards.Sum(w => w.RatingSum),
        wards.Sum(w => w.WaitEstimatesCompared),
        wards.Sum(w => w.WaitEstimateAbsErrorMillisSum),
        wards.Sum(w => w.WaitEstimatedTicketsMillisSum),
        wards.Sum(w => w.WaitEstimatesUnderBy5Min),
        wards.Sum(w => w.TicketsIssued),
        wards.Sum(w => w.TicketsServed),
        wards.Sum(w => w.AlertsOpen),
        wards.GroupBy(w => w.Status).ToImmutableDictionary(g => g.Key, g => g.Count()),
        wards.Sum(w => w.Dossiers.ReceivedElsewhere),
        wards.Sum(w => w.Dossiers.TakenInForOthers));
}
