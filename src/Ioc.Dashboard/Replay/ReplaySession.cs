using System.Collections.Immutable;
using Ioc.Dashboard.History;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Replay;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// One page's replay: its clock, its grain, and the frames pulled from the grain at the live feed's pace
/// (four a second) and handed to the page. It stands in for the live sources of the wall's queue chart
/// (the replay's city samples) and the ward's history chart (the history store, at the replay's time).
/// Disposing it lets the grain and its rebuilt wards go.
/// </summary>
public sealed class ReplaySession : ICitySeries, IWardHistorySource, IAsyncDisposable
{
    public static readonly TimeSpan Cadence = TimeSpan.FromMilliseconds(250);

    private readonly IReplayGrain _grain;
    private readonly WardHistoryReader _history;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private ImmutableArray<CitySample> _samples = [];
    private DateTimeOffset? _pulledAt;
    private Task? _loop;

    public ReplaySession(IReplayGrain grain, ReplayRequest request, ReplayClock clock, string? ward, WardHistoryReader history, ILogger logger)
    {
        _grain = grain;
        _history = history;
        _logger = logger;
        Request = request;
        Clock = clock;
        WardCode = ward;
    }

    public ReplayRequest Request { get; }
    public ReplayClock Clock { get; }
    /// <summary>The ward a ward page replays; null for the wall.</summary>
    public string? WardCode { get; }
    public ReplayInfo? Info { get; private set; }
    public ReplayFrame? Frame { get; private set; }
    public WardDetail? Ward { get; private set; }

    /// <summary>A new frame (or the clock's state) is there to show; raised off the page's dispatcher.</summary>
    public event Action? Changed;

    /// <summary>Rebuilds the day (seconds for the whole city) and pulls the first frame.</summary>
    public async Task Open(bool startAtFirstArrival)
    {
        Info = await _grain.Open();
        // Unless told where to start, the clock starts at the hour the day's first event arrived.
        if (startAtFirstArrival && Info.FirstArrival is { } first)
            Clock.Seek(Clock.Start + TimeSpan.FromHours(Math.Floor((first - Clock.Start).TotalHours)));
        await Pull();
    }

    /// <summary>Pulls frames until disposed; only when the clock has moved.</summary>
    public void Run() => _loop ??= Loop(_stop.Token);

    private async Task Loop(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Cadence);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    if (Clock.Now != _pulledAt) await Pull();
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    // The next tick asks again (a silo restart rebuilds the replay from the log).
                    _logger.LogWarning(e, "Replay frame of {Day} not read", Request.Day);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task Pull()
    {
        var at = Clock.Now;
        if (WardCode is { } code) Ward = await _grain.Ward(code, at);
        else
        {
            var frame = await _grain.Wall(at, _samples.Length);
            if (!frame.Samples.IsEmpty) _samples = _samples.AddRange(frame.Samples);
            Frame = frame;
        }
        _pulledAt = at;
        Changed?.Invoke();
    }

    /// <summary>A control changed the clock: the page shows it at the next frame.</summary>
    public void Touch() => _pulledAt = null;

    public Task<ImmutableArray<CitySample>> Today() => Task.FromResult(_samples);

    public Task<WardHistoryComparison> Compare(string ward, string metric, TimeSpan step, CancellationToken cancellationToken = default) =>
        _history.Compare(ward, metric, step, Clock.Now, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        try { await _grain.Close(); }
        catch (Exception e) { _logger.LogDebug(e, "Replay of {Day} not closed; it is let go when idle", Request.Day); }
    }
}
