namespace Ioc.Silo.Wards;

/// <summary>
/// A dossier's legal clock, read from its events in time order (telemetry-v1): a pause stops the
/// clock and the resume moves the due time later by the paused time; a pause that starts once the
/// dossier is already overdue stops nothing (it is late whatever happens next); the first
/// resolution decides on time (resolved at or before the due time) or late.
/// </summary>
public readonly record struct DossierTimeline(
    DossierEvent? Received,
    DateTimeOffset Due,
    DateTimeOffset? PausedSince,
    bool PausedWhileOverdue,
    DateTimeOffset? ResolvedAt,
    bool? OnTime)
{
    public bool IsOpen => Received is not null && ResolvedAt is null;

    /// <summary>The due time as of <paramref name="now"/>: while the clock stands still, it moves with now.</summary>
    public DateTimeOffset DueAsOf(DateTimeOffset now) => PausedSince is { } p && now > p ? Due + (now - p) : Due;

    public bool IsOverdue(DateTimeOffset now) => IsOpen && PausedSince is null && now > Due;

    public bool IsPaused => PausedSince is not null || PausedWhileOverdue;

    /// <param name="events">In <see cref="DossierEvent.CompareTo"/> order.</param>
    /// <param name="asOf">Only events up to this instant count (null: all of them).</param>
    public static DossierTimeline Of(IReadOnlyList<DossierEvent> events, DateTimeOffset? asOf)
    {
        DossierEvent? received = null;
        foreach (var e in events)
            if (e.Step == DossierStep.Received && (asOf is null || e.Ts <= asOf)) { received = e; break; }
        var due = received?.DueAt ?? DateTimeOffset.MaxValue;
        DateTimeOffset? pausedSince = null, resolvedAt = null;
        bool pausedLate = false;
        bool? onTime = null;
        foreach (var e in events)
        {
            if (asOf is { } cut && e.Ts > cut) break;
            switch (e.Step)
            {
                case DossierStep.Paused when pausedSince is null && !pausedLate:
                    if (e.Ts <= due) pausedSince = e.Ts;
                    else pausedLate = true;
                    break;
                case DossierStep.Resumed:
                    if (pausedSince is { } p && e.Ts > p && received is not null) due += e.Ts - p;
                    pausedSince = null;
                    pausedLate = false;
                    break;
                case DossierStep.Resolved:
                    resolvedAt = e.Ts;
                    // Resolved while the clock stood still: it never ran out.
                    onTime = pausedSince is not null || e.Ts <= due;
                    break;
            }
            if (resolvedAt is not null) break;
        }
        return new(received, due, resolvedAt is null ? pausedSince : null, resolvedAt is null && pausedLate, resolvedAt, received is null ? null : onTime);
    }
}
