using Ioc.Grains;
using Ioc.Silo.Alerts;
using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// Citizens' ratings to the ward chief (<see cref="RatingAlertRule"/>): each low rating of today raises
/// its own information alert (with the desk and ticket it names); a run of low ratings at one desk
/// raises a warning for that desk, its figure the most low ratings within the window. Both are about
/// the day: a person resolves them, and whatever is left closes at midnight in Hanoi (the day's ratings
/// per desk stay in the figures). Ratings of an earlier day amend its figures and raise nothing.
/// </summary>
public sealed class RatingAlertRules
{
    public bool Ratings(IEnumerable<BusinessEvent> ratings, WardLedger ledger, AlertBook alerts)
    {
        var changed = false;
        foreach (var r in ratings)
        {
            if (r.Score is not { } score || !RatingAlertRule.IsLow(score) || HanoiTime.DayOf(r.Ts) != ledger.Today) continue;
            changed |= alerts.Raise($"{AlertKinds.RatingLow}:{r.EventId}", AlertKinds.RatingLow, AlertSeverities.Info,
                r.Counter, figure: score, ticket: r.Ticket);
            if (r.Counter is not { } desk) continue;
            var most = ledger.LowRatings.MostWithin(ledger.Today, desk, r.Ts, RatingAlertRule.RunWindow);
            if (most < RatingAlertRule.RunCount) continue;
            var cause = RunCause(desk);
            var shown = alerts.ActiveFor(cause)?.Figure ?? alerts.Held.FirstOrDefault(a => a.Cause == cause)?.Figure ?? 0;
            changed |= alerts.Raise(cause, AlertKinds.RatingLowRun, AlertSeverities.Warning, desk, figure: Math.Max(most, shown));
        }
        return changed;
    }

    /// <summary>Midnight: the day's rating alerts nobody resolved close (and a silence's held ones are dropped).</summary>
    public bool EndOfDay(AlertBook alerts) =>
        alerts.ClearWhere(_ => false, AlertKinds.RatingLow) | alerts.ClearWhere(_ => false, AlertKinds.RatingLowRun);

    public static string RunCause(string desk) => $"{AlertKinds.RatingLowRun}:{desk}";
}
