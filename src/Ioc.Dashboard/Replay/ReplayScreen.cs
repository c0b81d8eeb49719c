using System.Globalization;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Wall;
using Ioc.Ingest.Http;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// A page's replay of a past day, as the wall and the ward page both hold it: the request read from the query
/// (or the field errors the picker shows), the session pulling frames, and whether rebuilding failed. Stopping it
/// keeps the clock for the circuit (<see cref="ReplayCursor"/>), so going from the wall to a ward keeps the time.
/// </summary>
public sealed class ReplayScreen(Replays replays, ReplayCursor cursor, AuditLog audit, ILogger logger)
{
    private Action? _changed;

    public ReplayRequest? Request { get; private set; }
    public List<FieldError> Errors { get; } = [];
    public ReplaySession? Session { get; private set; }
    public bool Failed { get; private set; }
    public ScreenMode Mode { get; private set; } = ScreenMode.Live;

    /// <summary>
    /// Reads the query (nothing asked: the page shows the picker) and, on an interactive page, rebuilds the day
    /// and starts pulling frames; <paramref name="changed"/> is raised off the page's dispatcher for each.
    /// Prerendering shows the banner only: the day is rebuilt once, for the interactive page.
    /// </summary>
    public async Task Start(string? day, string? speed, string? from, string? ward, bool interactive, string actor, Action changed)
    {
        if (day is null && speed is null && from is null) return;
        Request = replays.Parse(day, speed, from, Errors);
        if (Request is null) return;
        Mode = new ScreenMode(Request.Query);
        if (!interactive) return;
        audit.Write(AuditActions.ReplayStarted, actor, Request.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null,
            $"{ward ?? "city"} ×{Request.Speed} (page)");
        var going = cursor.Clock;
        var session = Session = replays.Start(Request, ward, going);
        _changed = changed;
        session.Changed += changed;
        try
        {
            await session.Open(Replays.StartsAtFirstArrival(Request, going, session));
            session.Run();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Replay of {Day} ({Scope}) could not be rebuilt", Request.Day, ward ?? "city");
            Failed = true;
        }
    }

    public async ValueTask Stop()
    {
        if (Session is not { } session) return;
        Session = null;
        if (_changed is not null) session.Changed -= _changed;
        cursor.Clock = session.Clock;
        await session.DisposeAsync();
    }
}
