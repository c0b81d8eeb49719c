namespace Ioc.Silo.Grains;

/// <summary>
/// One timer for a grain's time rules, set to the next instant a rule can change its answer and
/// re-armed only when that instant moves. A sped-up clock's timer can fire a hair early; the flag
/// makes the next turn re-evaluate anyway.
/// </summary>
public sealed class TransitionTimer(TimeProvider clock, Action wake) : IDisposable
{
    private readonly WakeTimer _timer = new(clock, wake);
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;

    /// <summary>The instant the rules said last time; before it nothing changes by time alone.</summary>
    public DateTimeOffset Next { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>True when the rules must be evaluated now: the instant passed or the timer fired.</summary>
    public bool Due(DateTimeOffset now)
    {
        var fired = _timer.TakeFired();
        if (now < Next && !fired) return false;
        _armedFor = DateTimeOffset.MaxValue;
        return true;
    }

    public void Arm(DateTimeOffset next, DateTimeOffset now)
    {
        Next = next;
        if (next == _armedFor) return;
        _armedFor = next;
        _timer.Set(next - now);
    }

    public void Dispose() => _timer.Dispose();
}
