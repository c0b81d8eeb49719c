using Ioc.Time;

namespace Ioc.Dashboard.Replay;

/// <summary>
/// A replay's clock: a past day's time going at a chosen speed from a chosen moment, which can pause and
/// change speed without jumping, and stops at the day's end (midnight). Driven by wall-clock time.
/// </summary>
public sealed class ReplayClock
{
    private readonly TimeProvider _real;
    private DateTimeOffset _anchorAt;
    private DateTimeOffset _anchorReal;

    public ReplayClock(DateOnly day, int speed, TimeProvider real)
    {
        if (speed < 1) throw new ArgumentOutOfRangeException(nameof(speed), speed, "A replay goes at least at real time.");
        Day = day;
        Speed = speed;
        _real = real;
        Seek(Start);
    }

    public DateOnly Day { get; }
    public DateTimeOffset Start => HanoiTime.StartOf(Day);
    public DateTimeOffset End => HanoiTime.StartOf(Day.AddDays(1));
    public int Speed { get; private set; }
    public bool Paused { get; private set; }

    public DateTimeOffset Now
    {
        get
        {
            if (Paused) return _anchorAt;
            var at = _anchorAt + TimeSpan.FromTicks((_real.GetUtcNow() - _anchorReal).Ticks * Speed);
            return at > End ? End : at;
        }
    }

    public bool Ended => Now >= End;

    /// <summary>Puts the clock at a moment of the day (clamped to it), going on from there.</summary>
    public void Seek(DateTimeOffset at)
    {
        _anchorAt = at < Start ? Start : at > End ? End : at;
        _anchorReal = _real.GetUtcNow();
    }

    public void SetSpeed(int speed)
    {
        if (speed < 1) throw new ArgumentOutOfRangeException(nameof(speed), speed, "A replay goes at least at real time.");
        Seek(Now);
        Speed = speed;
    }

    public void Pause()
    {
        if (Paused) return;
        Seek(Now);
        Paused = true;
    }

    public void Resume()
    {
        if (!Paused) return;
        Paused = false;
        Seek(_anchorAt);
    }
}
