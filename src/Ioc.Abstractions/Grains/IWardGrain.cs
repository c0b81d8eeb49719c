using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>
/// One commune-level unit (key: official 5-digit code). Owns tickets, dossiers, ratings and
/// alerts of the ward; its business events are stored before a call returns.
/// </summary>
public interface IWardGrain : IGrainWithStringKey
{
    Task<ApplyResult> ApplyEvents(ImmutableArray<BusinessEvent> events);

    /// <summary>
    /// A robot grain tells its ward when its liveness, mode or battery band changes, and when it
    /// moved (watched wards show robots where they are; the view comes without its trail).
    /// </summary>
    Task ReportRobot(RobotView robot);

    /// <summary>A counter grain tells its ward when its status, services or liveness change.</summary>
    Task ReportCounter(CounterView counter);

    /// <summary>
    /// Another ward says this ward's service point took in one of its dossiers; answered once stored.
    /// Kept per dossier by version, so repeats and any order give the same count.
    /// </summary>
    Task TakeIn(DossierTakenIn notice);

    /// <summary>Provisioning tells the ward about its devices so totals count silent ones too.</summary>
    Task RegisterDevice(string deviceId, string kind);

    Task<WardSummary> GetSummary();

    Task<WardDetail> GetDetail();

    /// <summary>
    /// Pushes the ward's detail to the observer whenever the ward changed, for a minute from
    /// now (call again to keep watching).
    /// </summary>
    Task Watch(IWardObserver observer);

    Task Unwatch(IWardObserver observer);

    Task<WaitEstimate> EstimateWait(string service);

    Task<ImmutableArray<Alert>> GetAlerts();

    /// <summary>The first action wins: acknowledging an acknowledged or resolved alert is a conflict.</summary>
    Task<AlertActionResult> AcknowledgeAlert(string alertId, string user, string? note);

    /// <summary>Resolving a resolved alert is a conflict.</summary>
    Task<AlertActionResult> ResolveAlert(string alertId, string user, string? note);

    /// <summary>
    /// Gives the alert an owner (checked by the caller to be allowed to see the ward). A resolved alert,
    /// or one another person already owns unless <paramref name="reassign"/>, is a conflict.
    /// </summary>
    Task<AlertActionResult> AssignAlert(string alertId, string owner, string by, bool reassign);

    /// <summary>Acknowledges several of the ward's alerts in one round, answering each.</summary>
    Task<ImmutableArray<AlertActionResult>> AcknowledgeAlerts(ImmutableArray<string> alertIds, string user, string? note);

    /// <summary>The ward's silences, scheduled, active and recently ended.</summary>
    Task<ImmutableArray<Silence>> GetSilences();

    /// <summary>Silences one alert kind of this ward (checked by the caller); stored before it returns.</summary>
    Task<Silence> AddSilence(string kind, DateTimeOffset from, DateTimeOffset to, string reason, string by);

    /// <summary>Ends a silence now; what it held that is still caused is raised at once.</summary>
    Task<SilenceEndResult> EndSilence(string silenceId, string by);

    /// <summary>Activates the ward and re-arms its timers (after a restart, or from a sweep).</summary>
    Task Wake();

    /// <summary>Critical alerts nobody acknowledged for this long go to city leaders; returns how many.</summary>
    Task<int> EscalateUnacknowledged(TimeSpan unacknowledgedFor);

    /// <summary>Staffing advice for the hall now (best first) and today's accepted advice.</summary>
    Task<WardStaffing> GetStaffing();

    /// <summary>Records that <paramref name="user"/> accepted the advice with that id (who may is the caller's business).</summary>
    Task<AdviceAcceptance> AcceptAdvice(string adviceId, string user);

    /// <summary>Advice accepted after <paramref name="since"/> (business time), oldest first: what desks are to follow.</summary>
    Task<ImmutableArray<AcceptedAdvice>> GetAcceptedAdvice(DateTimeOffset since);

    /// <summary>The last 24 hours a minute at a time, and the stored day summaries (oldest first).</summary>
    Task<WardHistory> GetHistory();

    /// <summary>Today so far, in the shape of a stored day.</summary>
    Task<DaySummary> GetToday();
}
