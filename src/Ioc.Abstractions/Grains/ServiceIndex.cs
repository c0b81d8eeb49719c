namespace Ioc.Grains;

/// <summary>
/// The service index after Decision 766/QĐ-TTg's groups, for the three this center measures:
/// processing on time (20 points), online service (22) and satisfaction (18). Transparency and
/// digitisation are not measured here; the score is given out of the measured 60 and scaled to 100.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ServiceIndexScore(
    [property: Id(0)] double OnTimePoints,
    [property: Id(1)] double OnlinePoints,
    [property: Id(2)] double SatisfactionPoints,
    [property: Id(3)] double Measured,
    [property: Id(4)] double Scaled100,
    [property: Id(5)] double? OnTimeShare,
    [property: Id(6)] double? OnlineShare,
    [property: Id(7)] double? SatisfiedShare)
{
    public const double OnTimeMax = 20, OnlineMax = 22, SatisfactionMax = 18, MeasuredMax = 60;

    /// <summary>Online service earns full marks from this share up.</summary>
    public const double OnlineFullMarksAt = 0.5;

    public static readonly IReadOnlyList<string> NotMeasured = ["transparency", "digitisation"];

    public static ServiceIndexScore Compute(DaySummary d)
    {
        // On time among the dossiers received; ones still in progress within their time are not
        // late, but are not yet "on time" either (Thượng Tín: 4,607 of 4,684 → 98.4%).
        var decided = Math.Max(d.DossiersReceived, d.DossiersResolvedOnTime + d.DossiersResolvedLate);
        double? onTime = decided > 0 ? (double)d.DossiersResolvedOnTime / decided : null;
        double? online = d.DossiersReceived > 0 ? (double)d.DossiersReceivedOnline / d.DossiersReceived : null;
        double? satisfied = d.Ratings > 0 ? (double)d.RatingsGood / d.Ratings : null;
        var p1 = Math.Round((onTime ?? 0) * OnTimeMax, 2);
        var p2 = Math.Round(Math.Min(1, (online ?? 0) / OnlineFullMarksAt) * OnlineMax, 2);
        var p3 = Math.Round((satisfied ?? 0) * SatisfactionMax, 2);
        var measured = Math.Round(p1 + p2 + p3, 2);
        return new ServiceIndexScore(p1, p2, p3, measured, Math.Round(measured / MeasuredMax * 100, 2), onTime, online, satisfied);
    }
}
