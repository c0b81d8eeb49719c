using Ioc.Grains;

namespace Ioc.Silo.Alerts;

/// <summary>
/// The alert rules every ward shares: one active alert per cause, raised once, updated in place
/// when its severity or facts change, and resolved by the system when the cause is gone (unless a
/// person must confirm it). Alerts hold kinds and facts; their titles are rendered by the UI.
/// </summary>
public sealed class AlertBook(string ward, AlertLedger ledger, Func<DateTimeOffset> now)
{
    private const int ResolvedKept = 100;

    /// <summary>Alerts created or changed since the last <see cref="TakeChanges"/>.</summary>
    private readonly List<Alert> _changes = [];
    private Dictionary<string, string>? _activeByCause;

    private Dictionary<string, string> ActiveByCause => _activeByCause ??= ledger.Alerts.Values
        .Where(a => AlertStates.IsActive(a.State)).ToDictionary(a => a.Cause, a => a.Id, StringComparer.Ordinal);

    public IEnumerable<Alert> All => ledger.Alerts.Values;

    public IEnumerable<Alert> Active => ActiveByCause.Values.Select(id => ledger.Alerts[id]);

    public int ActiveCount => ActiveByCause.Count;

    public Alert? ActiveFor(string cause) => ActiveByCause.TryGetValue(cause, out var id) ? ledger.Alerts[id] : null;

    public bool Raise(string cause, string kind, string severity, string? subject = null, double? figure = null,
        DateTimeOffset? dueAt = null, string? detail = null, bool needsConfirmation = false)
    {
        if (ActiveFor(cause) is { } open)
        {
            // Severity only rises while the alert is open; a person's acknowledgement stays.
            var sev = AlertSeverities.Rank(severity) > AlertSeverities.Rank(open.Severity) ? severity : open.Severity;
            var updated = open with
            {
                Severity = sev, Figure = figure, DueAt = dueAt, Detail = detail,
                NeedsConfirmation = open.NeedsConfirmation || needsConfirmation,
            };
            if (updated == open) return false;
            Put(updated);
            return true;
        }
        var id = $"{ward}-{++ledger.Sequence}";
        Put(new Alert(id, ward, kind, severity, now(), AlertStates.Open, null, null, null, null, cause, subject, null,
            needsConfirmation, figure, dueAt, detail));
        return true;
    }

    /// <summary>The cause is gone: resolve its alert unless a person must confirm it.</summary>
    public bool Clear(string cause)
    {
        if (ActiveFor(cause) is not { } open || open.NeedsConfirmation) return false;
        Put(open with { State = AlertStates.Resolved, ResolvedBy = "system", ResolvedAt = now() });
        Prune();
        return true;
    }

    public bool ClearWhere(Func<Alert, bool> stillCaused, string kind)
    {
        var changed = false;
        foreach (var a in Active.Where(a => a.Kind == kind && !stillCaused(a)).ToList())
            changed |= Clear(a.Cause);
        return changed;
    }

    public Alert? Acknowledge(string id, string user)
    {
        if (!ledger.Alerts.TryGetValue(id, out var a)) return null;
        if (a.State is AlertStates.Open or AlertStates.Escalated)
            Put(a = a with { State = AlertStates.Acknowledged, AcknowledgedBy = user, AcknowledgedAt = now() });
        return a;
    }

    public Alert? Resolve(string id, string user)
    {
        if (!ledger.Alerts.TryGetValue(id, out var a)) return null;
        if (a.State != AlertStates.Resolved)
        {
            Put(a = a with { State = AlertStates.Resolved, ResolvedBy = user, ResolvedAt = now() });
            Prune();
        }
        return a;
    }

    /// <summary>Open critical alerts nobody acknowledged within the time become escalated.</summary>
    public int Escalate(TimeSpan after)
    {
        var due = Active.Where(a => a.State == AlertStates.Open && a.Severity == AlertSeverities.Critical && now() - a.RaisedAt >= after).ToList();
        foreach (var a in due) Put(a with { State = AlertStates.Escalated, EscalatedAt = now() });
        return due.Count;
    }

    public IReadOnlyList<Alert> TakeChanges()
    {
        if (_changes.Count == 0) return [];
        var list = _changes.ToArray();
        _changes.Clear();
        return list;
    }

    private void Put(Alert alert)
    {
        ledger.Alerts[alert.Id] = alert;
        if (AlertStates.IsActive(alert.State)) ActiveByCause[alert.Cause] = alert.Id;
        else if (ActiveByCause.TryGetValue(alert.Cause, out var id) && id == alert.Id) ActiveByCause.Remove(alert.Cause);
        _changes.Add(alert);
    }

    private void Prune()
    {
        var resolved = ledger.Alerts.Values.Where(a => a.State == AlertStates.Resolved).ToList();
        if (resolved.Count <= ResolvedKept) return;
        foreach (var old in resolved.OrderBy(a => a.ResolvedAt).Take(resolved.Count - ResolvedKept))
            ledger.Alerts.Remove(old.Id);
    }
}
