using System.Security.Claims;
using Ioc.Dashboard.Api;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Components.Panels;
using Ioc.Dashboard.Live;
using Ioc.Dashboard.Replay;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Wards;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Ioc.Dashboard.Components.Pages;

/// <summary>A ward's page, live or replayed: what it watches, shows and lets its people do.</summary>
public partial class WardPage
{
    [Parameter] public string Code { get; set; } = "";
    [CascadingParameter] private WallText T { get; set; } = WallText.Vi;
    [CascadingParameter(Name = "ClientAddress")] private string Address { get; set; } = "unknown";
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private readonly string _watcher = "page:" + Guid.NewGuid().ToString("N");
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private ClaimsPrincipal? _user;
    private WardInfo? _info;
    private WardDetail? _detail;
    private bool _forbidden;
    private string? _watched;
    private string? _actionError;
    private string? _adviceError;
    private RenderThrottle? _throttle;
    private bool _subscribed;
    private DateOnly? _report;
    private Func<string, IReadOnlyList<string>>? _ownersFor;
    private DateTime _reportCheckedAt;

    // A replay of a past day (the /replay/wards/{code} route): asked for in the query, pulled from its own session.
    [SupplyParameterFromQuery(Name = "day")] private string? ReplayDay { get; set; }
    [SupplyParameterFromQuery(Name = "speed")] private string? ReplaySpeed { get; set; }
    [SupplyParameterFromQuery(Name = "from")] private string? ReplayFrom { get; set; }
    private ReplayScreen _replay = null!;

    private string? _shown;

    private bool IsReplay => Navigation.ToBaseRelativePath(Navigation.Uri).StartsWith("replay/", StringComparison.Ordinal);

    protected override async Task OnInitializedAsync()
    {
        _replay = new ReplayScreen(Replays, Cursor, Audit, Logger);
        _user = (await AuthState).User;
        if (RendererInfo.IsInteractive)
        {
            _throttle = new RenderThrottle(() => InvokeAsync(StateHasChanged), RenderThrottle.LivePages);
            Feed.Ward += OnWard;
            Layouts.Changed += OnLayout;
            _subscribed = true;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        // The same page shows a ward live and replayed: what it shows is its address.
        if (_shown == Navigation.Uri && _detail is not null) return;
        _shown = Navigation.Uri;
        await _replay.Stop();
        _replay = new ReplayScreen(Replays, Cursor, Audit, Logger);
        if (_watched is not null) Feed.Unwatch(_watcher, _watched);
        _watched = null;
        _detail = null;
        _actionError = null;
        _info = Region.Find(Code);
        _forbidden = _info is not null && !(_user?.MaySeeWard(Code) ?? false);
        if (_info is null || _forbidden) return;
        if (IsReplay && _user?.IsCityWide() != true) return;
        if (IsReplay)
        {
            await StartReplay();
            return;
        }
        // Watching first, then reading: a change in between comes as a push.
        if (RendererInfo.IsInteractive) await Feed.Watch(_watcher, Code);
        _watched = Code;
        _detail = await Feed.Detail(Code);
        _ownersFor ??= await Actions.OwnersFor();
        CheckReport();
    }

    private void OnWard(WardDetail detail)
    {
        if (detail.Code != _watched || _replay.Request is not null) return;
        _ = InvokeAsync(() =>
        {
            // The ward pushes its whole detail when it changed; the panels whose part is the same stay as they are.
            if (detail.Code == _watched) _detail = detail;
            // The daily report appears at 17:30: look for it now and then, not at every update.
            if (DateTime.UtcNow - _reportCheckedAt > ReportCheckEvery) CheckReport();
            // The ward sends at most 4 a second: shown at once, not held behind another render.
            _throttle?.Now();
        });
    }

    private void OnLayout() => _throttle?.Request();

    private async Task StartReplay()
    {
        await _replay.Start(ReplayDay, ReplaySpeed, ReplayFrom, _info!.Code, RendererInfo.IsInteractive, _user!.Name(), OnReplay);
        _detail = _replay.Session?.Ward;
        _watched = Code;
    }

    private void OnReplay() => _ = InvokeAsync(() =>
    {
        if (_replay.Session?.Ward is { } detail && detail.Code == _watched) _detail = detail;
        _throttle?.Request();
    });

    private static readonly TimeSpan ReportCheckEvery = TimeSpan.FromMinutes(1);

    /// <summary>The newest daily report of this ward, if one was written.</summary>
    private void CheckReport()
    {
        _reportCheckedAt = DateTime.UtcNow;
        _report = _info is null ? null : Reports.NewestDay(_info.Code);
    }

    private Task Acknowledge(AlertCommand c) => Act(c, (user, note) => Actions.Acknowledge(c.Alert.Id, user, note));

    private Task Resolve(AlertCommand c) => Act(c, (user, note) => Actions.Resolve(c.Alert.Id, user, note));

    private Task Assign(AlertCommand c) => Act(c, (user, _) => Actions.Assign(c.Alert.Id, user, c.Owner!, reassign: c.Alert.Owner is not null));

    private async Task Act(AlertCommand c, Func<Actor, string?, Task<AlertAnswer>> action)
    {
        // A replay shows the past: nothing on it can be acted on.
        if (_user is null || !_user.MaySeeWard(c.Alert.Ward) || _replay.Request is not null) return;
        _busy.Add(c.Alert.Id);
        _actionError = null;
        try
        {
            if (!AlertAnswerText.NoteOk(c.Note, T, out var note, out _actionError)) return;
            var answer = await action(new Actor(_user, Address, "page"), note);
            _actionError = AlertAnswerText.Problem(answer, T);
            // Done or refused, the alert as the ward answered is what the page shows.
            if (answer.Alert is { } now && _detail is not null)
                _detail = _detail with { Alerts = [.. _detail.Alerts.Select(a => a.Id == now.Id ? now : a)] };
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Alert action on {Alert} failed", c.Alert.Id);
            _actionError = T["alert.failed"];
        }
        finally
        {
            _busy.Remove(c.Alert.Id);
        }
    }

    /// <summary>The chief (or a city leader) accepts a move: recorded by the ward, shown at once.</summary>
    private async Task AcceptAdvice(StaffingAdvice advice)
    {
        // A replay shows the past: its advice cannot be accepted.
        if (_user is null || _detail is null || _replay.Request is not null) return;
        _busy.Add(advice.Id);
        _adviceError = null;
        try
        {
            var result = await Advice.Accept(_detail.Code, advice.Id, _user, Address, "page");
            if (result is not { Outcome: AdviceOutcome.Accepted }) _adviceError = T["alert.failed"];
            if (_detail is not null) _detail = _detail with { Staffing = await Advice.Staffing(_detail.Code) };
        }
        catch (Exception e)
        {
            Logger.LogWarning(e, "Accepting advice {Advice} failed", advice.Id);
            _adviceError = T["alert.failed"];
        }
        finally
        {
            _busy.Remove(advice.Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Feed.Forget(_watcher);
        if (_subscribed)
        {
            Feed.Ward -= OnWard;
            Layouts.Changed -= OnLayout;
        }
        _throttle?.Dispose();
        await _replay.Stop();
    }
}
