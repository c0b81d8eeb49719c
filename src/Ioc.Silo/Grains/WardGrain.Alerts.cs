using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>The ward's alerts: read, acknowledged, resolved and escalated by people and jobs.</summary>
public sealed partial class WardGrain
{
    // ---- alerts --------------------------------------------------------------------------

    public async Task<ImmutableArray<Alert>> GetAlerts()
    {
        EvaluateTime();
        await SaveIfDirty();
        return [.. _alerts.All.OrderByDescending(a => a.RaisedAt)];
    }

    public Task<Alert?> AcknowledgeAlert(string alertId, string user) => Act(_alerts.Acknowledge(alertId, user));

    public Task<Alert?> ResolveAlert(string alertId, string user) => Act(_alerts.Resolve(alertId, user));

    private async Task<Alert?> Act(Alert? alert)
    {
        if (alert is null) return null;
        _summaryChanged = true;
        await Commit();
        Publish();
        return alert;
    }

    public async Task<int> EscalateUnacknowledged(TimeSpan unacknowledgedFor)
    {
        EvaluateTime();
        var n = _alerts.Escalate(unacknowledgedFor);
        if (n > 0)
        {
            _summaryChanged = true;
            await Commit();
        }
        else await SaveIfDirty();
        Publish();
        return n;
    }
}
