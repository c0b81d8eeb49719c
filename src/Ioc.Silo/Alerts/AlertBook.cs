using Ioc.Grains;

namespace Ioc.Silo.Alerts;

/// <summary>
/// The alert rules every ward shares: one active alert per cause, raised once, updated in place
/// when its severity or facts change, and resolved by the system when the cause is gone (unless a
/// person must confirm it). While a silence covers a kind, a new cause of it is held back instead of
/// raised (and followed as the rules re-evaluate it), then raised when the silence ends if still
/// caused. People's actions: the first one wins, a conflicting one is answered with the alert as it
/// is. Alerts hold kinds and facts; their titles are rendered by the UI.
/// </summary>
public sealed class AlertBook(string ward, AlertLedger ledger, Func<DateTimeOffset> now, SilenceBook? silences = null)
{
    private const int ResolvedKept = 100;

    /// <summary>Alerts created or changed since the last <see cref="TakeChanges"/>.</summary>
    private readonly List<Alert> _changes = [];
    private Dictionary<string, string>? _activeByCause;

    private Dictionary<string, string> ActiveByCause => _activeByCause ??= ledger.Alerts.Values
        .Where(a => AlertStates.IsActive(a.State)).ToDictionary(a => a.Cause, a => a.Id, StringComparer.Ordinal);

    public IEnumerable<Alert> All => ledger.Alerts.Values;

    public IEnumerable<Alert> Active => ActiveByCause.Values.Select(id => ledger.Alerts[id]);

    /// <summary>Causes a silence holds back, as the alert they would raise.</summary>
    public IEnumerable<Alert> Held => ledger.Held.Values;

    public int ActiveCount => ActiveByCause.Count;

    public Alert? ActiveFor(string cause) => ActiveByCause.TryGetValue(cause, out var id) ? ledger.Alerts[id] : null;

    public bool Raise(string cause, string kind, string severity, string? subject = null, double? figure = null,
        DateTimeOffset? dueAt = null, string? detail = null, bool needsConfirmation = false, string? ticket = null)
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
        var alert = new Alert("", ward, kind, severity, now(), AlertStates.Open, null, null, null, null, cause, subject, null,
            needsConfirmation, figure, dueAt, detail, ticket);
        if (silences?.Covers(kind, now()) == true)
        {
            // Evaluated, not raised: kept as it is now, to be raised when the silence ends.
            if (ledger.Held.TryGetValue(cause, out var held) && held with { RaisedAt = alert.RaisedAt } == alert) return false;
            ledger.Held[cause] = alert;
            return true;
        }
        ledger.Held.Remove(cause);
        Put(alert with { Id = NextId() });
        return true;
    }

    /// <summary>The cause is gone: resolve its alert unless a person must confirm it (a held one is dropped).</summary>
    public bool Clear(string cause)
    {
        if (ledger.Held.Remove(cause)) return true;
        if (ActiveFor(cause) is not { } open || open.NeedsConfirmation) return false;
        Put(open with { State = AlertStates.Resolved, ResolvedBy = "system", ResolvedAt = now() });
        Prune();
        return true;
    }

    public bool ClearWhere(Func<Alert, bool> stillCaused, string kind)
    {
        var changed = false;
        foreach (var a in Active.Concat(Held).Where(a => a.Kind == kind && !stillCaused(a)).ToList())
            changed |= Clear(a.Cause);
        return changed;
    }

    /// <summary>Raises what silences held back once none covers its kind any more.</summary>
    public bool Release()
    {
        var due = ledger.Held.Values.Where(a => silences?.Covers(a.Kind, now()) != true).ToList();
        foreach (var a in due)
        {
            ledger.Held.Remove(a.Cause);
            Put(a with { Id = NextId(), RaisedAt = now() });
        }
        return due.Count > 0;
    }

    public AlertActionResult Acknowledge(string id, string user, string? note)
    {
        if (!ledger.Alerts.TryGetValue(id, out var a)) return new AlertActionResult(id, ActionOutcome.NotFound, null);
        if (a.State is not (AlertStates.Open or AlertStates.Escalated)) return new AlertActionResult(id, ActionOutcome.Conflict, a);
        Put(a = a with { State = AlertStates.Acknowledged, AcknowledgedBy = user, AcknowledgedAt = now(), AcknowledgeNote = note });
        return new AlertActionResult(id, ActionOutcome.Done, a);
    }

    public AlertActionResult Resolve(string id, string user, string? note)
    {
        if (!ledger.Alerts.TryGetValue(id, out var a)) return new AlertActionResult(id, ActionOutcome.NotFound, null);
        if (a.State == AlertStates.Resolved) return new AlertActionResult(id, ActionOutcome.Conflict, a);
        Put(a = a with { State = AlertStates.Resolved, ResolvedBy = user, ResolvedAt = now(), ResolveNote = note });
        Prune();
        return new AlertActionResult(id, ActionOutcome.Done, a);
    }

    /// <summary>An owner for an alert still active; taking it from another owner needs <paramref name="reassign"/>.</summary>
    public AlertActionResult Assign(string id, string owner, string by, bool reassign)
    {
        if (!ledger.Alerts.TryGetValue(id, out var a)) return new AlertActionResult(id, ActionOutcome.NotFound, null);
        if (a.State == AlertStates.Resolved || (a.Owner is { } current && current != owner && !reassign))
            return new AlertActionResult(id, ActionOutcome.Conflict, a);
        if (a.Owner != owner) Put(a = a with { Owner = owner, AssignedBy = by, AssignedAt = now() });
        return new AlertActionResult(id, ActionOutcome.Done, a);
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

    private string NextId() => $"{ward}-{++ledger.Sequence}";

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
