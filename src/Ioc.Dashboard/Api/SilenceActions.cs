using System.Security.Claims;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// Silences, from the API or a page alike: city users and admins for any ward, a ward chief for their
/// own; ended early only by their author or an admin. Times are the business clock's.
/// </summary>
public sealed class SilenceActions(IGrainFactory grains, IocClock clock, AuditLog audit, WardDirectory wards)
{
    public const int MaxDays = 31;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The silences of the wards the person may see (or of one), newest first.</summary>
    public async Task<IReadOnlyList<Silence>> List(ClaimsPrincipal user, string? ward = null)
    {
        var codes = ward is not null ? [ward] : wards.All.Select(w => w.Code).Where(user.MaySeeWard).ToArray();
        var lists = await Task.WhenAll(codes.Select(c => grains.GetGrain<IWardGrain>(c).GetSilences()));
        return [.. lists.SelectMany(l => l).OrderByDescending(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A silence from <paramref name="from"/> (none or a past time: now) to <paramref name="to"/> (after it, at most
    /// <see cref="MaxDays"/> days later); <paramref name="errors"/> holds what the caller already found wrong.
    /// </summary>
    public async Task<SilenceAnswer> Create(Actor actor, string? ward, string? kind, DateTimeOffset? from, DateTimeOffset? to,
        string? reason, List<FieldError>? errors = null)
    {
        errors ??= [];
        var now = Now;
        if (string.IsNullOrEmpty(ward)) errors.Add(new FieldError(-1, "ward", "is required"));
        else if (!wards.Contains(ward)) errors.Add(new FieldError(-1, "ward", $"unknown ward code '{ward}'"));
        if (string.IsNullOrEmpty(kind)) errors.Add(new FieldError(-1, "kind", "is required"));
        else if (!AlertKinds.All.Contains(kind)) errors.Add(new FieldError(-1, "kind", $"must be one of {string.Join(", ", AlertKinds.All)}"));
        var start = from is { } f && f > now ? f : now;
        if (to is not { } end)
        {
            if (!errors.Any(e => e.Field == "to")) errors.Add(new FieldError(-1, "to", "is required: when the silence ends (RFC 3339)"));
        }
        else if (end <= start) errors.Add(new FieldError(-1, "to", $"must be after {(start == now ? "now" : "from")}"));
        else if (end - start > TimeSpan.FromDays(MaxDays)) errors.Add(new FieldError(-1, "to", $"must be at most {MaxDays} days after from"));
        var text = PersonText.Check(reason, "reason", required: true, errors);
        if (errors.Count > 0) return new SilenceAnswer(SilenceAnswerKind.Invalid, Errors: errors);
        if (!actor.User.MaySeeWard(ward!)) return new SilenceAnswer(SilenceAnswerKind.Forbidden, Reason: $"Not allowed to silence ward {ward}'s alerts");
        var silence = await grains.GetGrain<IWardGrain>(ward!).AddSilence(kind!, start, to!.Value, text!, actor.Name);
        audit.Write(AuditActions.SilenceCreated, actor.Name, silence.Id, actor.Address,
            $"{actor.Via}; ward {silence.Ward}; {silence.Kind} until {IocJson.Format(silence.To)}; {silence.Reason}");
        return new SilenceAnswer(SilenceAnswerKind.Done, silence);
    }

    /// <summary>Ends it now: its author or an admin; one already over is a conflict.</summary>
    public async Task<SilenceAnswer> End(Actor actor, string id)
    {
        var ward = Alert.WardOf(id);
        if (ward is null || !wards.Contains(ward)) return new SilenceAnswer(SilenceAnswerKind.NotFound, Reason: $"No silence {TextRules.Echo(id)}");
        if (!actor.User.MaySeeWard(ward)) return new SilenceAnswer(SilenceAnswerKind.Forbidden, Reason: $"Not allowed to act on ward {ward}'s silences");
        var grain = grains.GetGrain<IWardGrain>(ward);
        var silence = (await grain.GetSilences()).FirstOrDefault(s => s.Id == id);
        if (silence is null) return new SilenceAnswer(SilenceAnswerKind.NotFound, Reason: $"No silence {TextRules.Echo(id)}");
        if (silence.CreatedBy != actor.Name && !actor.User.IsInRole(Roles.Admin))
            return new SilenceAnswer(SilenceAnswerKind.Forbidden, silence, Reason: $"Only {silence.CreatedBy}, who made it, or an admin may end this silence");
        var ended = await grain.EndSilence(id, actor.Name);
        if (ended.Outcome == ActionOutcome.Done)
            audit.Write(AuditActions.SilenceEnded, actor.Name, id, actor.Address, $"{actor.Via}; ward {ward}; {silence.Kind}");
        return ended.Outcome switch
        {
            ActionOutcome.Done => new SilenceAnswer(SilenceAnswerKind.Done, ended.Silence),
            ActionOutcome.Conflict => new SilenceAnswer(SilenceAnswerKind.Conflict, ended.Silence, Reason: ended.Silence!.EndedBy is { } by
                ? $"Already ended by {by} at {IocJson.Format(ended.Silence.EndedAt)}"
                : $"Already ended at its end time, {IocJson.Format(ended.Silence.To)}"),
            _ => new SilenceAnswer(SilenceAnswerKind.NotFound, Reason: $"No silence {TextRules.Echo(id)}"),
        };
    }
}
