using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>
/// The alert rules every ward shares: one active alert per cause, raised once, updated in place
/// when its severity or wording changes, and resolved by the system when the cause is gone
/// (unless a person must confirm it).
/// </summary>
internal sealed class AlertBook(string ward, WardState state, Func<DateTimeOffset> now)
{
    private const int ResolvedKept = 100;

    /// <summary>Alerts created or changed since the last <see cref="TakeChanges"/>.</summary>
    private readonly List<Alert> _changes = [];

    public IEnumerable<Alert> Active => state.Alerts.Values.Where(a => AlertStates.IsActive(a.State));

    public Alert? ActiveFor(string cause) =>
        state.Alerts.Values.FirstOrDefault(a => a.Cause == cause && AlertStates.IsActive(a.State));

    public bool Raise(string cause, string kind, string severity, string title, string? subject = null, bool needsConfirmation = false)
    {
        if (ActiveFor(cause) is { } open)
        {
            // Severity only rises while the alert is open; a person's acknowledgement stays.
            var sev = AlertSeverities.Rank(severity) > AlertSeverities.Rank(open.Severity) ? severity : open.Severity;
            if (sev == open.Severity && title == open.Title && needsConfirmation == open.NeedsConfirmation) return false;
            Put(open with { Severity = sev, Title = title, NeedsConfirmation = open.NeedsConfirmation || needsConfirmation });
            return true;
        }
        var id = $"{ward}-{++state.AlertSequence}";
        Put(new Alert(id, ward, kind, severity, title, now(), AlertStates.Open, null, null, null, null, cause, subject, null, needsConfirmation));
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
        if (!state.Alerts.TryGetValue(id, out var a)) return null;
        if (a.State is AlertStates.Open or AlertStates.Escalated)
            Put(a = a with { State = AlertStates.Acknowledged, AcknowledgedBy = user, AcknowledgedAt = now() });
        return a;
    }

    public Alert? Resolve(string id, string user)
    {
        if (!state.Alerts.TryGetValue(id, out var a)) return null;
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
        state.Alerts[alert.Id] = alert;
        _changes.Add(alert);
    }

    private void Prune()
    {
        var resolved = state.Alerts.Values.Where(a => a.State == AlertStates.Resolved).ToList();
        if (resolved.Count <= ResolvedKept) return;
        foreach (var old in resolved.OrderBy(a => a.ResolvedAt).Take(resolved.Count - ResolvedKept))
            state.Alerts.Remove(old.Id);
    }
}
