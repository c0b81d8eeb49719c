using System.Collections.Immutable;
using System.Globalization;
using Ioc.Grains;
using Ioc.Silo.Alerts;
using Ioc.Wards;

namespace Ioc.Silo.Wards;

/// <summary>
/// The ward as the API, the wall and the pages see it: today's exact sums (averages derived from
/// them, unrounded: rounding is for display), the live queue, desks, robots, dossiers and alerts.
/// Times stay UTC here; they are shown in Hanoi time where they are shown.
/// </summary>
public sealed class WardProjection(WardInfo ward, WardLedger ledger, DeskBoard desks, AlertBook alerts)
{
    public WardSummary Summary(DateTimeOffset? updatedAt) => Fill(new WardSummary
    {
        Code = ward.Code, Name = ward.Name, Type = ward.Type, Status = "ok", Dossiers = null!, Day = "",
    }, updatedAt);

    public WardDetail Detail(DateTimeOffset? updatedAt, ImmutableArray<RobotView> robots, IQueueEstimator estimator, DateTimeOffset now)
    {
        var today = ledger.TodayTickets;
        var figures = ledger.DayOf(ledger.Today);
        var counters = desks.Counters.Keys.Union(today.DesksWithTickets)
            .Union((IEnumerable<string>?)figures?.ServedByDesk.Keys ?? []).Union((IEnumerable<string>?)figures?.RatingsByDesk.Keys ?? [])
            .Order(DeskOrder.Instance).Select(label =>
            {
                desks.Counters.TryGetValue(label, out var c);
                var rated = figures?.RatingsByDesk.GetValueOrDefault(label) ?? default;
                return new CounterView(label, c?.Status ?? "unknown", c?.Services ?? [], today.CurrentAt(label)?.Label,
                    figures?.ServedByDesk.GetValueOrDefault(label) ?? 0, c?.LastSeen, c?.Online ?? false, c?.DeviceId,
                    rated.Ratings, rated.ScoreSum, rated.Low, rated.Good);
            }).ToImmutableArray();
        var services = today.Waiting.Select(t => t.Service)
            .Union(desks.Counters.Values.Where(c => c.Online && c.Status == "open").SelectMany(c => c.Services))
            .Where(s => s.Length > 0).Order(StringComparer.Ordinal);
        var queues = services.Select(svc =>
        {
            var waiting = today.Waiting.Where(t => t.Service == svc).ToList();
            return new QueueView(svc, waiting.Count, waiting.Count > 0 ? (now - waiting[0].IssuedAt).TotalSeconds : null,
                estimator.Estimate(today, svc).EstimatedWaitSeconds);
        }).ToImmutableArray();
        var overdue = ledger.Dossiers.In(DossierClass.Overdue).Select(f => (f, t: DossierTimeline.Of(f.Events, null)))
            .OrderBy(x => x.t.Due)
            .Select(x => new OverdueDossierView(x.f.Dossier, x.t.Received?.Procedure ?? "", x.t.Received?.Service ?? "", x.t.Due, (now - x.t.Due).TotalSeconds))
            .ToImmutableArray();
        var dueSoon = ledger.Dossiers.In(DossierClass.DueSoon).Select(f => (f, t: DossierTimeline.Of(f.Events, null)))
            .OrderBy(x => x.t.Due)
            .Select(x => new DueSoonDossierView(x.f.Dossier, x.t.Received?.Procedure ?? "", x.t.Received?.Service ?? "", x.t.Due, (x.t.Due - now).TotalSeconds, false))
            .ToImmutableArray();
        return Fill(new WardDetail
        {
            Code = ward.Code, Name = ward.Name, Type = ward.Type, Status = "ok", Dossiers = null!, Day = "",
            Counters = counters,
            Robots = robots,
            Queues = queues,
            OverdueDossiers = overdue,
            DueSoonDossiers = dueSoon,
            Alerts = [.. alerts.All.OrderByDescending(a => a.RaisedAt)],
        }, updatedAt);
    }

    private T Fill<T>(T blank, DateTimeOffset? updatedAt) where T : WardSummary
    {
        var d = ledger.Summary(ledger.Today);
        var book = ledger.Dossiers;
        var active = alerts.Active.ToList();
        var status = active.Any(a => a.Kind == AlertKinds.WardStale) ? "stale"
            : active.Any(a => a.Severity == AlertSeverities.Critical) ? AlertSeverities.Critical
            : active.Any(a => a.Severity == AlertSeverities.Warning) ? AlertSeverities.Warning
            : "ok";
        var histogram = ledger.DayOf(ledger.Today)?.WaitHistogram ?? new int[TicketContribution.HistogramBuckets];
        return blank with
        {
            Status = status,
            Waiting = ledger.TodayTickets.Waiting.Count,
            CountersOpen = desks.CountersOpen,
            RobotsOnline = desks.RobotsOnline,
            RobotsTotal = desks.RobotsTotal,
            Dossiers = new DossierCounts(d.DossiersReceived, d.DossiersResolvedOnTime, d.DossiersResolvedLate,
                book.Open, book.Count(DossierClass.Overdue), book.Count(DossierClass.DueSoon), d.DossiersReceivedOnline,
                d.DossiersDigitized, d.DossiersTakenInForOthers, d.DossiersReceivedElsewhere),
            UpdatedAt = updatedAt,
            TicketsIssued = d.TicketsIssued,
            TicketsCalled = d.TicketsCalled,
            TicketsServed = d.TicketsServed,
            TicketsNoShow = d.TicketsNoShow,
            WaitsMeasured = d.WaitsMeasured,
            WaitsOverTarget = d.WaitsOverTarget,
            WaitHistogram = [.. histogram],
            Ratings = d.Ratings,
            RatingsGood = d.RatingsGood,
            RatingSum = d.RatingSum,
            WaitMillisSum = d.WaitMillisSum,
            WaitMillisMax = d.WaitMillisMax,
            ServicesMeasured = d.ServicesMeasured,
            ServiceMillisSum = d.ServiceMillisSum,
            WaitEstimatesCompared = d.EstimatesCompared,
            WaitEstimateAbsErrorMillisSum = d.EstimateAbsErrorMillisSum,
            WaitEstimatedTicketsMillisSum = d.EstimatedTicketsWaitMillisSum,
            WaitEstimatesUnderBy5Min = d.EstimatesUnderBy5Min,
            AlertsOpen = active.Count,
            Day = ledger.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }
}
