using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>The city strip of the wall, computed from the ward summaries so both always agree.</summary>
[GenerateSerializer, Immutable]
public sealed record CityTotals(
    int Wards,
    int Waiting,
    double? AvgWaitSeconds,
    double? MaxWaitSeconds,
    double? ShareOverWaitTarget,
    int Overdue,
    int DueSoon,
    int InProgress,
    int DossiersReceived,
    int DossiersResolvedOnTime,
    int DossiersResolvedLate,
    int RobotsOnline,
    int RobotsTotal,
    int CountersOpen,
    double? Satisfaction,
    double? WaitEstimateMaeSeconds,
    int WaitEstimatesCompared,
    int AlertsOpen,
    ImmutableDictionary<string, int> WardsByStatus)
{
    public static CityTotals From(IReadOnlyCollection<WardSummary> wards)
    {
        var waits = wards.Sum(w => w.WaitsMeasured);
        var waitSum = wards.Sum(w => (w.AvgWaitSeconds ?? 0) * w.WaitsMeasured);
        var ratings = wards.Sum(w => w.Ratings);
        var ratingSum = wards.Sum(w => (w.Satisfaction ?? 0) * w.Ratings);
        var compared = wards.Sum(w => w.WaitEstimatesCompared);
        return new CityTotals(
            wards.Count,
            wards.Sum(w => w.Waiting),
            waits > 0 ? Math.Round(waitSum / waits, 1) : null,
            wards.Count > 0 ? wards.Max(w => w.MaxWaitSeconds) : null,
            waits > 0 ? Math.Round((double)wards.Sum(w => w.WaitsOverTarget) / waits, 4) : null,
            wards.Sum(w => w.Dossiers.Overdue),
            wards.Sum(w => w.Dossiers.DueSoon),
            wards.Sum(w => w.Dossiers.InProgress),
            wards.Sum(w => w.Dossiers.Received),
            wards.Sum(w => w.Dossiers.ResolvedOnTime),
            wards.Sum(w => w.Dossiers.ResolvedLate),
            wards.Sum(w => w.RobotsOnline),
            wards.Sum(w => w.RobotsTotal),
            wards.Sum(w => w.CountersOpen),
            ratings > 0 ? Math.Round(ratingSum / ratings, 2) : null,
            compared > 0 ? Math.Round(wards.Sum(w => w.WaitEstimateAbsErrorSum) / compared, 1) : null,
            compared,
            wards.Sum(w => w.AlertsOpen),
            wards.GroupBy(w => w.Status).ToImmutableDictionary(g => g.Key, g => g.Count()));
    }
}
