using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// A person acknowledging, resolving or assigning alerts, from the API or a page alike: the role
/// check, the ward grain (which decides, so the first of two actions wins), every screen of this
/// process told at once (<see cref="AlertBoard"/>), and a line in the audit trail for what was done.
/// </summary>
public sealed class AlertActions(IGrainFactory grains, AlertBoard board, AuditLog audit, WardDirectory wards)
{
    public const int MaxBulk = 200;

    public Task<AlertAnswer> Acknowledge(string id, Actor actor, string? note) =>
        One(id, actor, AuditActions.AlertAcknowledged, note, w => w.AcknowledgeAlert(id, actor.Name, note));

    public Task<AlertAnswer> Resolve(string id, Actor actor, string? note) =>
        One(id, actor, AuditActions.AlertResolved, note, w => w.ResolveAlert(id, actor.Name, note));

    /// <summary>The owner must be a person allowed to see the alert's ward (its chief, a city user or an admin).</summary>
    public async Task<AlertAnswer> Assign(string id, Actor actor, string owner, bool reassign)
    {
        if (Denied(id, actor) is { } denied) return denied;
        var person = await grains.GetGrain<IUserDirectoryGrain>(0).Find(owner);
        if (person is null) return new AlertAnswer(id, AlertAnswerKind.UnknownOwner);
        if (!person.MaySeeWard(Alert.WardOf(id)!)) return new AlertAnswer(id, AlertAnswerKind.OwnerMayNotSee);
        return await One(id, actor, AuditActions.AlertAssigned, $"to {person.Username}",
            w => w.AssignAlert(id, person.Username, actor.Name, reassign));
    }

    /// <summary>The people who may own an alert of the ward: its chiefs, city users and admins.</summary>
    public async Task<Func<string, IReadOnlyList<string>>> OwnersFor()
    {
        var people = await grains.GetGrain<IUserDirectoryGrain>(0).List();
        return ward => [.. people.Where(p => p.MaySeeWard(ward)).Select(p => p.Username).Order(StringComparer.Ordinal)];
    }

    /// <summary>Each id answered on its own, in the order given; one round per ward.</summary>
    public async Task<IReadOnlyList<AlertAnswer>> AcknowledgeMany(IReadOnlyList<string> ids, Actor actor, string? note)
    {
        var answers = new Dictionary<string, AlertAnswer>(StringComparer.Ordinal);
        foreach (var id in ids)
            if (Denied(id, actor) is { } denied) answers[id] = denied;
        var byWard = ids.Where(id => !answers.ContainsKey(id)).GroupBy(id => Alert.WardOf(id)!, StringComparer.Ordinal);
        var rounds = await Task.WhenAll(byWard.Select(g =>
            grains.GetGrain<IWardGrain>(g.Key).AcknowledgeAlerts([.. g], actor.Name, note)));
        foreach (var r in rounds.SelectMany(r => r)) answers[r.AlertId] = Told(r, actor, AuditActions.AlertAcknowledged, note);
        return [.. ids.Select(id => answers[id])];
    }

    private async Task<AlertAnswer> One(string id, Actor actor, string action, string? detail,
        Func<IWardGrain, Task<AlertActionResult>> call)
    {
        if (Denied(id, actor) is { } denied) return denied;
        return Told(await call(grains.GetGrain<IWardGrain>(Alert.WardOf(id)!)), actor, action, detail);
    }

    private AlertAnswer? Denied(string id, Actor actor)
    {
        var ward = Alert.WardOf(id);
        if (ward is null || !wards.Contains(ward)) return new AlertAnswer(id, AlertAnswerKind.NotFound);
        return actor.User.MaySeeWard(ward) ? null : new AlertAnswer(id, AlertAnswerKind.Forbidden);
    }

    private AlertAnswer Told(AlertActionResult r, Actor actor, string action, string? detail)
    {
        // Done or not, the alert as the ward answered is the newest there is: every screen shows it.
        if (r.Alert is { } current) board.Put(current);
        if (r.Outcome == ActionOutcome.Done && r.Alert is { } done)
            audit.Write(action, actor.Name, done.Id, actor.Address,
                $"{actor.Via}; ward {done.Ward}; {done.Kind}{(detail is null ? "" : "; " + detail)}");
        return new AlertAnswer(r.AlertId, r.Outcome switch
        {
            ActionOutcome.Done => AlertAnswerKind.Done,
            ActionOutcome.Conflict => AlertAnswerKind.Conflict,
            _ => AlertAnswerKind.NotFound,
        }, r.Alert);
    }
}
