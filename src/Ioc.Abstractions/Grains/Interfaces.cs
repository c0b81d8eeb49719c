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

/// <summary>A queue robot (key: device id).</summary>
public interface IRobotGrain : IGrainWithStringKey
{
    Task<ApplyResult> ApplyStates(ImmutableArray<RobotStateReport> states);

    Task<RobotView> GetView();
}

/// <summary>
/// A one-stop desk (key: "{ward}/{counter label}"): its device state and liveness. The ticket
/// figures of a desk (current ticket, served today) are business events and live in the ward,
/// stored with them; the ward merges both into its detail.
/// </summary>
public interface ICounterGrain : IGrainWithStringKey
{
    Task<ApplyResult> ApplyStates(ImmutableArray<CounterStateReport> states);

    Task<CounterView> GetView();

    static string KeyOf(string ward, string counter) => $"{ward}/{counter}";
}

[GenerateSerializer, Immutable]
public sealed record DeviceInfo(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Kind,
    [property: Id(2)] ImmutableArray<string> Wards,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    public bool MayWrite(string ward) => Wards.Contains(ward);
}

public enum ProvisionOutcome { Created, Rotated, Conflict, NotFound }

/// <summary>All provisioned devices (single activation, key 0). Keys are held only as hashes.</summary>
public interface IDeviceRegistryGrain : IGrainWithIntegerKey
{
    Task<DeviceInfo?> FindByKeyHash(string keyHash);

    Task<DeviceInfo?> Find(string deviceId);

    Task<ProvisionOutcome> Provision(DeviceInfo device, string keyHash);

    Task<ProvisionOutcome> RotateKey(string deviceId, string keyHash);

    Task<ImmutableArray<DeviceInfo>> List();
}

public static class Roles
{
    public const string City = "city";
    public const string WardChief = "ward-chief";
    public const string Admin = "admin";
    public const string Device = "device";
    public static readonly IReadOnlyList<string> People = [City, WardChief, Admin];
}

[GenerateSerializer, Immutable]
public sealed record UserRecord(
    [property: Id(0)] string Username,
    [property: Id(1)] string PasswordHash,
    [property: Id(2)] string Role,
    [property: Id(3)] string? Ward,
    [property: Id(4)] DateTimeOffset CreatedAt);

/// <summary>People who sign in (single activation, key 0). Passwords are held as Identity hashes.</summary>
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    Task<UserRecord?> Find(string username);

    /// <summary>False when the username is taken.</summary>
    Task<bool> Create(UserRecord user);

    Task<int> Count();

    Task<ImmutableArray<UserRecord>> List();
}

/// <summary>The steady wall-clock tick a device grain sends itself (liveness, reporting, saving).</summary>
public interface IDeviceTick : IGrainWithStringKey
{
    Task Tick();
}
