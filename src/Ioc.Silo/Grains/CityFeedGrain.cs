using System.Collections.Immutable;
using System.Diagnostics;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Ioc.Silo.Grains;

/// <summary>
/// The city's live feed. Wards report their summary when it changes; four times a second, if
/// anything changed, every registered Dashboard gets one frame: the wards that changed since the
/// last one and the city strip, built here once for every process and screen.
/// </summary>
public sealed class CityFeedGrain(
    [PersistentState("city-feed", "ioc")] IPersistentState<CityFeedState> store,
    IocClock clock,
    WardDirectory directory,
    ILogger<CityFeedGrain> logger) : Grain, ICityFeedGrain
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ObserverLease = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan SampleWindow = TimeSpan.FromHours(24);

    private readonly ObserverManager<IWallObserver> _observers = new(ObserverLease, logger);
    private readonly Dictionary<string, WardSummary> _wards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);
    // A new activation numbers its frames afresh: listeners that see another epoch start over.
    private readonly long _epoch = Random.Shared.NextInt64(1, long.MaxValue);
    private long _number;
    private WallFrame? _frame;
    private long _lastFrame;
    private bool _frameArmed;
    private IGrainTimer? _frameTimer;
    private DateTimeOffset _savedSampleAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A fresh activation learns every ward's line once; from then on wards report changes.
        var summaries = await Task.WhenAll(directory.All.Select(w => GrainFactory.GetGrain<IWardGrain>(w.Code).GetSummary()));
        foreach (var s in summaries) _wards[s.Code] = s;
        // The frame timer sleeps until a change arrives within a frame interval of the last frame.
        _frameTimer = this.RegisterGrainTimer(FrameDue, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        this.RegisterGrainTimer(_ => Sample(), new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { KeepAlive = true });
    }

    public Task Subscribe(IWallObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IWallObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task WardChanged(WardSummary summary)
    {
        _wards[summary.Code] = summary;
        _changed.Add(summary.Code);
        // After a quiet spell the frame goes out at once; within a burst the timer sends it exactly
        // a frame interval after the last one. Either way, no more than four frames a second.
        var since = Stopwatch.GetElapsedTime(_lastFrame);
        if (since >= FrameInterval) await SendFrame();
        else if (!_frameArmed)
        {
            _frameArmed = true;
            _frameTimer!.Change(FrameInterval - since, Timeout.InfiniteTimeSpan);
        }
    }

    public Task AlertChanged(Alert alert) =>
        // Alerts go out at once; they are what ward chiefs react to.
        _observers.Notify(o => o.OnAlert(alert));

    public Task<WallFrame> GetFrame() => Task.FromResult(_frame ??= BuildFrame());

    public Task<ImmutableArray<CitySample>> GetToday() => Task.FromResult(store.State.Samples.ToImmutableArray());

    private WallFrame BuildFrame()
    {
        var wards = directory.All.Select(w => _wards[w.Code]).ToImmutableArray();
        return new WallFrame(clock.GetUtcNow(), wards, CityTotals.From(wards), wards.Sum(w => w.AlertsOpen), _number, _epoch);
    }

    private async Task FrameDue(CancellationToken ct)
    {
        _frameArmed = false;
        if (_changed.Count == 0) return;
        var left = FrameInterval - Stopwatch.GetElapsedTime(_lastFrame);
        if (left > TimeSpan.FromMilliseconds(1))
        {
            // Fired a hair early: come back for the rest.
            _frameArmed = true;
            _frameTimer!.Change(left, Timeout.InfiniteTimeSpan);
            return;
        }
        await SendFrame();
    }

    private async Task SendFrame()
    {
        _lastFrame = Stopwatch.GetTimestamp();
        _number++;
        var frame = _frame = BuildFrame();
        var changed = frame.Wards.Where(w => _changed.Contains(w.Code)).ToImmutableArray();
        _changed.Clear();
        var delta = new WallDelta(_epoch, _number, frame.At, changed, frame.Totals, frame.AlertsOpen);
        await _observers.Notify(o => o.OnWall(delta));
    }

    /// <summary>One sample per business-clock minute; stored every few minutes (it is a chart, not a ledger).</summary>
    private async Task Sample()
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        var samples = store.State.Samples;
        if (samples.Count > 0 && samples[^1].At >= minute) return;
        var frame = _frame ??= BuildFrame();
        samples.Add(new CitySample(minute, frame.Totals.Waiting, frame.Totals.AvgWaitSeconds, frame.Totals.Overdue));
        var cut = samples.FindIndex(s => s.At > now - SampleWindow);
        if (cut > 0) samples.RemoveRange(0, cut);
        if (now - _savedSampleAt >= TimeSpan.FromMinutes(5))
        {
            _savedSampleAt = now;
            await store.WriteStateAsync();
        }
    }
}
