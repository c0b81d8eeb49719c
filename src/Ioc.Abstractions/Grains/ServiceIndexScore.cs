using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>
/// The service index after Decision 766/QĐ-TTg (api-v1 "Service index"): five groups, 100 points.
/// Publicity is not measured by the center; a group with nothing to count is not measured either,
/// never 0. The score is the measured groups' points over their maximum, × 100.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServiceIndexScore(
    [property: Id(0)] ImmutableArray<ServiceIndexGroup> Groups,
    [property: Id(1)] double Points,
    [property: Id(2)] double MeasuredMax,
    [property: Id(3)] double? Score)
{
    public static class GroupNames
    {
        public const string Publicity = "publicity";
        public const string Progress = "progress";
        public const string Online = "online";
        public const string Digitisation = "digitisation";
        public const string Satisfaction = "satisfaction";
    }

    /// <summary>Why a group is not measured: kinds the UI renders in Vietnamese or English.</summary>
    public static class Reasons
    {
        public const string NotMeasuredByCenter = "not-measured-by-center";
        public const string NoDecidedDossiers = "no-decided-dossiers";
        public const string NoDossiersReceived = "no-dossiers-received";
        public const string NoDigitizedField = "no-digitized-field";
        public const string NoRatings = "no-ratings";
    }

    public const double PublicityMax = 18, ProgressMax = 20, OnlineMax = 22, DigitisationMax = 22, SatisfactionMax = 18;

    public ServiceIndexGroup this[string group] => Groups.First(g => g.Group == group);

    /// <summary>
    /// The index of a period (<see cref="DaySummary.Period"/>): its resolved dossiers, and as overdue
    /// the open dossiers past their due time at the period's end (now, for today). A dossier still
    /// within its time counts for nothing yet.
    /// </summary>
    public static ServiceIndexScore Compute(DaySummary period)
    {
        var decided = period.DossiersResolvedOnTime + period.DossiersResolvedLate + period.OverdueAtClose;
        ImmutableArray<ServiceIndexGroup> groups =
        [
            new(GroupNames.Publicity, PublicityMax, null, null, 0, 0, Reasons.NotMeasuredByCenter),
            ServiceIndexGroup.Of(GroupNames.Progress, ProgressMax, period.DossiersResolvedOnTime, decided, Reasons.NoDecidedDossiers),
            ServiceIndexGroup.Of(GroupNames.Online, OnlineMax, period.DossiersReceivedOnline, period.DossiersReceived, Reasons.NoDossiersReceived),
            period.DossiersDigitizedKnown > 0
                ? ServiceIndexGroup.Of(GroupNames.Digitisation, DigitisationMax, period.DossiersDigitized, period.DossiersReceived, Reasons.NoDigitizedField)
                : new(GroupNames.Digitisation, DigitisationMax, null, null, 0, 0, Reasons.NoDigitizedField),
            ServiceIndexGroup.Of(GroupNames.Satisfaction, SatisfactionMax, period.RatingsGood, period.Ratings, Reasons.NoRatings),
        ];
        var measured = groups.Where(g => g.Measured).ToList();
        var points = measured.Sum(g => g.Points!.Value);
        var max = measured.Sum(g => g.Max);
        return new ServiceIndexScore(groups, points, max, max > 0 ? points / max * 100 : null);
    }
}
