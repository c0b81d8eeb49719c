using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>The ward's alerts and silences: read, acknowledged, resolved, assigned and escalated by people and jobs.</summary>
public sealed partial class WardGrain
{
    // ---- alerts --------------------------------------------------------------------------

    public async Task<ImmutableArray<Alert>> GetAlerts()
    {
        EvaluateTime();
        await SaveIfDirty();
        return [.. _alerts.All.OrderByDescending(a => a.RaisedAt)];
    }

    public Task<AlertActionResult> AcknowledgeAlert(string alertId, string user, string? note) =>
        Act(() => _alerts.Acknowledge(alertId, user, note));

    public Task<AlertActionResult> ResolveAlert(string alertId, string user, string? note) =>
        Act(() => _alerts.Resolve(alertId, user, note));

    public Task<AlertActionResult> AssignAlert(string alertId, string owner, string by, bool reassign) =>
        Act(() => _alerts.Assign(alertId, owner, by, reassign));

    public async Task<ImmutableArray<AlertActionResult>> AcknowledgeAlerts(ImmutableArray<string> alertIds, string user, string? note)
    {
        EvaluateTime();
        var results = alertIds.Select(id => _alerts.Acknowledge(id, user, note)).ToImmutableArray();
        if (results.Any(r => r.Outcome == ActionOutcome.Done)) await PeopleActed();
        return results;
    }

    /// <summary>One action, decided within this turn (so the first of two concurrent ones wins), stored before it is answered.</summary>
    private async Task<AlertActionResult> Act(Func<AlertActionResult> action)
    {
        EvaluateTime();
        var result = action();
        if (result.Outcome == ActionOutcome.Done) await PeopleActed();
        return result;
    }

    private async Task PeopleActed()
    {
        _live.Changed();
        await Commit();
        Publish();
    }

    public async Task<int> EscalateUnacknowledged(TimeSpan unacknowledgedFor)
    {
        EvaluateTime();
        var n = _alerts.Escalate(unacknowledgedFor);
        if (n > 0)
        {
            _live.Changed();
            await Commit();
        }
        else await SaveIfDirty();
        Publish();
        return n;
    }

    // ---- silences ------------------------------------------------------------------------

    public async Task<ImmutableArray<Silence>> GetSilences()
    {
        EvaluateTime();
        await SaveIfDirty();
        Publish();
        return [.. _silences.All.OrderByDescending(s => s.CreatedAt)];
    }

    public async Task<Silence> AddSilence(string kind, DateTimeOffset from, DateTimeOffset to, string reason, string by)
    {
        EvaluateTime();
        var silence = _silences.Add(kind, from, to, reason, by, Now);
        ArmTransitionTimer();
        await PeopleActed();
        return silence;
    }

    public async Task<SilenceEndResult> EndSilence(string silenceId, string by)
    {
        EvaluateTime();
        var result = _silences.End(silenceId, by, Now);
        if (result.Outcome != ActionOutcome.Done) return result;
        _alerts.Release();
        ArmTransitionTimer();
        await PeopleActed();
        return result;
    }

    /// <summary>What a silence held back is raised when it ends: wake then if that is before the next transition.</summary>
    private DateTimeOffset SilenceEndFirst(DateTimeOffset next, DateTimeOffset now) =>
        _silences.NextEnd(now) is { } end && end < next ? end : next;
}
