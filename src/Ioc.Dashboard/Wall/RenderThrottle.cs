using System.Diagnostics;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// Coalesces live-feed pushes into at most one render per <see cref="Interval"/> (four a second
/// by default): the first request renders at once, requests inside the interval render once at
/// its end, so the latest data always shows and a busy feed never floods the circuit.
/// </summary>
public sealed class RenderThrottle(Func<Task> render, TimeSpan? interval = null) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private long _lastRender = long.MinValue;
    private bool _scheduled;

    public TimeSpan Interval { get; } = interval ?? TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Live pages: shorter than the feed's 250 ms between frames, so a render that ran late does
    /// not hold the next frame back; still a bounded render rate.
    /// </summary>
    public static readonly TimeSpan LivePages = TimeSpan.FromMilliseconds(100);

    public void Request()
    {
        TimeSpan wait;
        lock (_gate)
        {
            if (_scheduled || _stop.IsCancellationRequested) return;
            _scheduled = true;
            var since = _lastRender == long.MinValue ? Interval : Stopwatch.GetElapsedTime(_lastRender);
            wait = since >= Interval ? TimeSpan.Zero : Interval - since;
        }
        _ = Fire(wait);
    }

    /// <summary>
    /// Renders at once, throttle or not: for a live-feed frame, which the feed already sends at most
    /// four times a second, so a frame is never held back behind an alert's render. It counts as the
    /// last render, so other requests still wait their interval after it.
    /// </summary>
    public void Now()
    {
        lock (_gate)
        {
            if (_stop.IsCancellationRequested) return;
            _lastRender = Stopwatch.GetTimestamp();
        }
        _ = Render();
    }

    private async Task Fire(TimeSpan wait)
    {
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, _stop.Token);
        }
        catch (OperationCanceledException) { return; }
        lock (_gate)
        {
            _scheduled = false;
            _lastRender = Stopwatch.GetTimestamp();
        }
        await Render();
    }

    private async Task Render()
    {
        try { await render(); }
        catch (ObjectDisposedException) { /* the circuit is gone */ }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
