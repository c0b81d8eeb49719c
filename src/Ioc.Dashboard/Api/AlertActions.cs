using System.Security.Claims;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

public enum AlertActionOutcome { Done, NotFound, Forbidden }

/// <summary>
/// A person acknowledging or resolving an alert, from the API or a page alike: the role check,
/// the ward grain, every screen told at once (<see cref="AlertBoard"/>), and a line in the audit trail.
/// </summary>
public sealed class AlertActions(IGrainFactory grains, AlertBoard board, AuditLog audit, WardDirectory wards)
{
    public Task<(AlertActionOutcome Outcome, Alert? Alert)> Acknowledge(string alertId, ClaimsPrincipal user, string address, string via) =>
        Act(alertId, user, address, via, AuditActions.AlertAcknowledged, (w, u) => w.AcknowledgeAlert(alertId, u));

    public Task<(AlertActionOutcome Outcome, Alert? Alert)> Resolve(string alertId, ClaimsPrincipal user, string address, string via) =>
        Act(alertId, user, address, via, AuditActions.AlertResolved, (w, u) => w.ResolveAlert(alertId, u));

    private async Task<(AlertActionOutcome, Alert?)> Act(string alertId, ClaimsPrincipal user, string address, string via, string action,
        Func<IWardGrain, string, Task<Alert?>> call)
    {
        var ward = Alert.WardOf(alertId);
        if (ward is null || !wards.Contains(ward)) return (AlertActionOutcome.NotFound, null);
        if (!user.MaySeeWard(ward)) return (AlertActionOutcome.Forbidden, null);
        var alert = await call(grains.GetGrain<IWardGrain>(ward), user.Name());
        if (alert is null) return (AlertActionOutcome.NotFound, null);
        board.Put(alert);
        audit.Write(action, user.Name(), alert.Id, address, $"{via}; ward {ward}; {alert.Kind}");
        return (AlertActionOutcome.Done, alert);
    }
}
