using Ioc.Grains;
using Ioc.Silo.Wards;

namespace Ioc.Silo.Replay;

/// <summary>
/// A replay's queue estimate: what the citizen who took the service's latest waiting ticket was told at
/// issue (logged with the issue). The live estimate plays the desks forward, and desks' states are not in
/// the log, so a replay shows what was actually told rather than a forecast it cannot make.
/// </summary>
public sealed class LoggedQueueEstimate : IQueueEstimator
{
    public const string BasisLogged = "told-at-issue";

    public WaitEstimate Estimate(TicketBook today, string service)
    {
        var waiting = today.Waiting.Where(k => k.Service == service).ToList();
        var told = waiting.Count > 0 && today.Tickets.TryGetValue(waiting[^1].Label, out var t) ? t.EstimatedWaitSeconds : null;
        return new WaitEstimate(service, waiting.Count, 0, told, BasisLogged);
    }
}
