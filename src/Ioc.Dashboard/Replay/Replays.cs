using Ioc.Dashboard.History;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Replay;
using Ioc.Silo.Log;
using Ioc.Time;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// Where replays start: the days they may show (as many as the wards' logs keep, <c>Ioc:Log:KeepDays</c>,
/// up to yesterday), a grain per page (its own session) and one per day and scope for the API.
/// </summary>
public sealed class Replays(IGrainFactory grains, IocClock clock, IConfiguration config, WardHistoryReader history, ILogger<ReplaySession> logger,
    [FromKeyedServices(Replays.RealClockKey)] TimeProvider real)
{
    public const string ApiSession = "api";

    /// <summary>The DI key of the wall-clock time that drives replays' clocks (the business clock may itself be a demo's).</summary>
    public const string RealClockKey = "replay-real-time";

    public TimeProvider Real => real;

    public int KeepDays => config.GetValue($"{WardLogOptions.Section}:KeepDays", new WardLogOptions().KeepDays);

    public DateOnly Today => HanoiTime.DayOf(clock.GetUtcNow());

    public (DateOnly First, DateOnly Last) Offered => ReplayRequest.Offered(Today, KeepDays);

    public DateOnly? ParseDay(string? day, List<FieldError> errors) => ReplayRequest.ParseDay(day, Today, KeepDays, errors);

    public ReplayRequest? Parse(string? day, string? speed, string? from, List<FieldError> errors) =>
        ReplayRequest.Parse(day, speed, from, Today, KeepDays, errors);

    /// <summary>The API's replay of a day for a scope (<see cref="ReplayKey.City"/> or a ward), shared by its callers.</summary>
    public IReplayGrain Api(DateOnly day, string scope) => grains.GetGrain<IReplayGrain>(new ReplayKey(day, scope, ApiSession).ToString());

    /// <summary>A city replay of its own (a page's, an API run's).</summary>
    public IReplayGrain Grain(DateOnly day, string session) => grains.GetGrain<IReplayGrain>(new ReplayKey(day, ReplayKey.City, session).ToString());

    /// <summary>
    /// A page's replay. A clock the same circuit was already replaying this day with goes on (from the wall to
    /// a ward and back), unless the request says where to start.
    /// </summary>
    public ReplaySession Start(ReplayRequest request, string? ward, ReplayClock? going)
    {
        var clock = going is not null && going.Day == request.Day && request.From is null ? going : new ReplayClock(request.Day, request.Speed, Real);
        if (request.From is { } from && clock != going) clock.Seek(clock.Start + from);
        var key = new ReplayKey(request.Day, ward ?? ReplayKey.City, Guid.NewGuid().ToString("N"));
        return new ReplaySession(grains.GetGrain<IReplayGrain>(key.ToString()), request, clock, ward, history, logger);
    }

    /// <summary>Whether the session's clock should start at the day's first arrival (a fresh clock with no start asked).</summary>
    public static bool StartsAtFirstArrival(ReplayRequest request, ReplayClock? going, ReplaySession session) =>
        request.From is null && session.Clock != going;
}
