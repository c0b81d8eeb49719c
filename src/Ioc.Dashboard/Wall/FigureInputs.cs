using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>The numbers a figure is computed from: the same for the city strip and one ward.</summary>
public sealed record FigureInputs(
    int Waiting,
    double? AvgWaitSeconds,
    double? MaxWaitSeconds,
    double? ShareOverTarget,
    int Overdue,
    int DueSoon,
    int InProgress,
    int Received,
    int ResolvedLate,
    int RobotsOnline,
    int RobotsTotal,
    double? Satisfaction,
    int AlertsOpen,
    int CountersOpen,
    int Served,
    int Issued,
    double? EstimateErrorSeconds,
    double? EstimateErrorShare,
    double? EstimateUnderShare,
    double? FiledElsewhereShare = null,
    int TakenInForOthers = 0)
{
    /// <summary>False in a replay: devices' states (desks, robots) are not in the wards' logs, so their figures are unknown.</summary>
    public bool Devices { get; init; } = true;

    /// <summary>The city's figures, as the city feed computed them once from the wards' sums.</summary>
    public static FigureInputs Of(CityTotals t) => new(
        t.Waiting, t.AvgWaitSeconds, t.MaxWaitSeconds, t.ShareOverWaitTarget, t.Overdue, t.DueSoon, t.InProgress,
        t.DossiersReceived, t.DossiersResolvedLate, t.RobotsOnline, t.RobotsTotal, t.Satisfaction, t.AlertsOpen,
        t.CountersOpen, t.TicketsServed, t.TicketsIssued, t.WaitEstimateMaeSeconds, t.WaitEstimateErrorShare, t.WaitEstimatesUnderShare,
        t.ShareFiledElsewhere, t.DossiersTakenInForOthers);

    public static FigureInputs Of(WardSummary w) => new(
        w.Waiting, w.AvgWaitSeconds, w.MaxWaitSeconds,
        w.WaitsMeasured > 0 ? (double)w.WaitsOverTarget / w.WaitsMeasured : null,
        w.Dossiers.Overdue, w.Dossiers.DueSoon, w.Dossiers.InProgress, w.Dossiers.Received, w.Dossiers.ResolvedLate,
        w.RobotsOnline, w.RobotsTotal, w.Satisfaction, w.AlertsOpen, w.CountersOpen, w.TicketsServed, w.TicketsIssued,
        w.WaitEstimateMaeSeconds, w.WaitEstimateErrorShare, w.WaitEstimatesUnderShare,
        w.Dossiers.Received > 0 ? (double)w.Dossiers.ReceivedElsewhere / w.Dossiers.Received : null, w.Dossiers.TakenInForOthers);
}
