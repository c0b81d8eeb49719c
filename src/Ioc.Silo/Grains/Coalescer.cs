namespace Ioc.Silo.Grains;

/// <summary>
/// Holds a grain's reports to at most one per interval: the first change after a quiet spell goes at
/// once, later ones within the interval become one report sent when it ends. Timers fire outside the
/// grain, so the wake-up re-enters the grain through <c>wake</c> (a grain call), and a timer that fires
/// a hair early still counts as due.
/// </summary>
public sealed class Coalescer(TimeProvider time, TimeSpan interval, Action wake) : IDisposable
{
    private static readonly TimeSpan Slack = TimeSpan.FromMilliseconds(1);
    private DateTimeOffset _sentAt = DateTimeOffset.MinValue;
    private readonly WakeTimer _timer = new(time, wake);
    private bool _armed;

    /// <summary>True when a pending report should go now (and is counted as sent); otherwise a wake-up is arranged.</summary>
    public bool TrySend()
    {
        var now = time.GetUtcNow();
        if (_timer.TakeFired()) _armed = false;
        var wait = _sentAt + interval - now;
        if (wait <= Slack)
        {
            _sentAt = now;
            _armed = false;
            return true;
        }
        if (!_armed)
        {
            _armed = true;
            _timer.Set(wait + Slack);
        }
        return false;
    }

    public void Dispose() => _timer.Dispose();
}
