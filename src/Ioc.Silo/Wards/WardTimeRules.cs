using Ioc.Grains;
using Ioc.Silo.Alerts;
using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// The ward's rules that depend on the clock: overdue and due-soon dossiers, a long queue, a long
/// wait, a silent ward; and the next instant any of them can change its answer (one timer per ward).
/// </summary>
public sealed class WardTimeRules(WardRulesOptions rules)
{
    public TimeSpan DueSoonWindow => TimeSpan.FromHours(rules.DueSoonHours);

    /// <summary>Raises or clears the overdue alert of each given dossier, and the ward's due-soon notice.</summary>
    public bool Dossiers(DossierBook book, AlertBook alerts, IEnumerable<string> ids)
    {
        var changed = false;
        foreach (var id in ids)
        {
            var cause = $"{AlertKinds.DossierOverdue}:{id}";
            if (book.ClassOf(id) == DossierClass.Overdue && book.Files.TryGetValue(id, out var file))
            {
                var t = DossierTimeline.Of(file.Events, null);
                changed |= alerts.Raise(cause, AlertKinds.DossierOverdue, AlertSeverities.Critical, id,
                    dueAt: t.Due, detail: t.Received?.Procedure);
            }
            else changed |= alerts.Clear(cause);
        }
        var dueSoon = book.Count(DossierClass.DueSoon);
        // Information only: most dossiers pass through their last day; the overdue ones are what is critical.
        changed |= dueSoon > 0
            ? alerts.Raise(AlertKinds.DossierDueSoon, AlertKinds.DossierDueSoon, AlertSeverities.Info, figure: dueSoon, detail: null)
            : alerts.Clear(AlertKinds.DossierDueSoon);
        return changed;
    }

    /// <summary>Every dossier's alert brought in line (after loading): the overdue ones and any alert still open.</summary>
    public bool AllDossiers(DossierBook book, AlertBook alerts)
    {
        var ids = book.In(DossierClass.Overdue).Select(f => f.Dossier)
            .Concat(alerts.Active.Where(a => a.Kind == AlertKinds.DossierOverdue && a.Subject is not null).Select(a => a.Subject!))
            .Distinct(StringComparer.Ordinal).ToList();
        return Dossiers(book, alerts, ids);
    }

    public bool Queue(TicketBook today, AlertBook alerts, DateTimeOffset now)
    {
        var waiting = today.Waiting.Count;
        var changed = waiting >= rules.QueueWarning
            ? alerts.Raise(AlertKinds.QueueLong, AlertKinds.QueueLong,
                waiting >= rules.QueueCritical ? AlertSeverities.Critical : AlertSeverities.Warning,
                figure: waiting >= rules.QueueCritical ? rules.QueueCritical : rules.QueueWarning)
            : alerts.Clear(AlertKinds.QueueLong);
        var oldest = waiting > 0 ? (now - today.Waiting.Min.IssuedAt).TotalMinutes : 0;
        changed |= oldest >= rules.WaitWarningMinutes
            ? alerts.Raise(AlertKinds.WaitLong, AlertKinds.WaitLong,
                oldest >= rules.WaitCriticalMinutes ? AlertSeverities.Critical : AlertSeverities.Warning,
                figure: oldest >= rules.WaitCriticalMinutes ? rules.WaitCriticalMinutes : rules.WaitWarningMinutes)
            : alerts.Clear(AlertKinds.WaitLong);
        return changed;
    }

    /// <summary>A ward no device has been heard from for a while during office hours is stale (wall-clock time).</summary>
    public bool Stale(AlertBook alerts, TimeSpan silentFor, DateTimeOffset now) =>
        HanoiTime.IsOfficeHours(now) && silentFor >= TimeSpan.FromMinutes(rules.WardStaleMinutes)
            ? alerts.Raise(AlertKinds.WardStale, AlertKinds.WardStale, AlertSeverities.Warning, figure: rules.WardStaleMinutes)
            : alerts.Clear(AlertKinds.WardStale);

    /// <summary>The next instant a rule can change: a dossier's boundary, a waiting ticket crossing a wait limit, midnight.</summary>
    public DateTimeOffset NextTransition(WardLedger ledger, DateTimeOffset now)
    {
        var next = HanoiTime.NextMidnight(now);
        void Consider(DateTimeOffset when)
        {
            if (when > now && when < next) next = when;
        }
        if (ledger.Dossiers.NextBoundary is { } b) Consider(b);
        var waiting = ledger.TodayTickets.Waiting;
        if (waiting.Count > 0)
        {
            var oldest = waiting.Min.IssuedAt;
            Consider(oldest.AddMinutes(rules.WaitWarningMinutes));
            Consider(oldest.AddMinutes(rules.WaitCriticalMinutes));
        }
        return next;
    }
}
