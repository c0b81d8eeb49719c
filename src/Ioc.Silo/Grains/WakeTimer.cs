namespace Ioc.Silo.Grains;

/// <summary>
/// One reusable one-shot timer that wakes a grain: created on first use and moved with
/// <see cref="ITimer.Change"/> after that, so a grain that re-arms on every batch makes no new timer
/// (and no garbage) each time. It fires outside the grain; <see cref="TakeFired"/> tells the grain's
/// next turn that it did, even when a sped-up clock fired it a hair early.
/// </summary>
public sealed class WakeTimer(TimeProvider time, Action wake) : IDisposable
{
    private ITimer? _timer;
    private int _fired;

    public void Set(TimeSpan due)
    {
        if (_timer is null) _timer = time.CreateTimer(_ => Fire(), null, due, Timeout.InfiniteTimeSpan);
        else _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once after the timer fired.</summary>
    public bool TakeFired() => Interlocked.Exchange(ref _fired, 0) == 1;

    private void Fire()
    {
        Interlocked.Exchange(ref _fired, 1);
        wake();
    }

    public void Dispose() => _timer?.Dispose();
}
