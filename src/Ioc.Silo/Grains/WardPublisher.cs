using Ioc.Grains;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Ioc.Silo.Grains;

/// <summary>
/// What a ward tells others, and when: alert changes to the city feed at once; its summary to the
/// city feed at most twenty times a second (a burst of events becomes one report; the feed holds
/// the wall to four frames a second); its detail to the Dashboard processes that watch it, at most
/// four times a second, only when it changed and only while someone watches. The ward marks what
/// changed; <see cref="Publish"/> runs at the end of each of its turns.
/// </summary>
public sealed class WardPublisher : IDisposable
{
    private static readonly TimeSpan SummaryInterval = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan DetailInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan WatchLease = TimeSpan.FromMinutes(1);

    private readonly ICityFeedGrain _feed;
    private readonly Action _wake;
    private readonly ObserverManager<IWardObserver> _watchers;
    private readonly Coalescer _summaryThrottle;
    private readonly Coalescer _detailThrottle;
    private bool _summaryChanged, _detailChanged, _pushing;
    private WardSummary? _sent;

    /// <param name="wake">Re-enters the grain (a grain call) so a deferred report goes out in a turn of its own.</param>
    public WardPublisher(ICityFeedGrain feed, TimeProvider time, Action wake, ILogger logger)
    {
        _feed = feed;
        _wake = wake;
        _watchers = new ObserverManager<IWardObserver>(WatchLease, logger);
        _summaryThrottle = new Coalescer(time, SummaryInterval, wake);
        _detailThrottle = new Coalescer(time, DetailInterval, wake);
    }

    /// <summary>Something the wall shows changed (and so did the detail).</summary>
    public void Changed() => _summaryChanged = _detailChanged = true;

    /// <summary>Only the detail changed (a robot moved): the wall's line stays as it is.</summary>
    public void DetailChanged() => _detailChanged = true;

    public Task Watch(IWardObserver observer)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unwatch(IWardObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public void Publish(IEnumerable<Alert> alertChanges, Func<WardSummary> summary, Func<Task<WardDetail>> detail)
    {
        foreach (var a in alertChanges) _feed.AlertChanged(a).Ignore();
        if (_summaryChanged && _summaryThrottle.TrySend())
        {
            _summaryChanged = false;
            // A device saying "still here" changes nothing on the wall: the wall's deltas carry only real changes.
            var now = summary();
            if (_sent is null || !Same(now, _sent)) _feed.WardChanged(now).Ignore();
            _sent = now;
        }
        if (!_detailChanged || _pushing) return;
        _watchers.ClearExpired();
        // Nobody watches: a screen that starts watching reads the detail itself.
        if (_watchers.Count == 0) _detailChanged = false;
        else if (_detailThrottle.TrySend())
        {
            _detailChanged = false;
            _pushing = true;
            Push(detail).Ignore();
        }
    }

    // A record compares its histogram by reference: compare it by its buckets.
    private static bool Same(WardSummary a, WardSummary b) =>
        a with { WaitHistogram = default } == b with { WaitHistogram = default } && a.WaitHistogram.AsSpan().SequenceEqual(b.WaitHistogram.AsSpan());

    private async Task Push(Func<Task<WardDetail>> detail)
    {
        try
        {
            var d = await detail();
            await _watchers.Notify(o => o.OnWard(d));
        }
        finally
        {
            _pushing = false;
            // A change while the detail was being built goes out in the next turn.
            if (_detailChanged) _wake();
        }
    }

    public void Dispose()
    {
        _summaryThrottle.Dispose();
        _detailThrottle.Dispose();
    }
}
