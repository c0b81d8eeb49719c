namespace Ioc.Time;

/// <summary>
/// The center's business clock: what "now" is for tickets, dossiers and "today".
/// In production it is the machine clock. For a demo it can run faster (60× = an hour a minute)
/// from a chosen start, so a whole working day can be watched in minutes.
/// Device liveness (silent for 60 s) is judged on <see cref="Real"/>, wall-clock seconds, so a
/// sped-up demo does not need sped-up heartbeats.
/// </summary>
public sealed class IocClock : TimeProvider
{
    private readonly DateTimeOffset _anchorReal;
    private readonly DateTimeOffset _anchorBusiness;

    public IocClock(TimeProvider real, double speed = 1, DateTimeOffset? businessStart = null, DateTimeOffset? realAnchor = null)
    {
        if (speed <= 0 || double.IsNaN(speed) || double.IsInfinity(speed))
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "Clock speed must be a positive number.");
        Real = real;
        Speed = speed;
        _anchorReal = realAnchor ?? real.GetUtcNow();
        _anchorBusiness = businessStart ?? _anchorReal;
    }

    public static IocClock Machine { get; } = new(TimeProvider.System);

    /// <summary>Wall-clock time, used for liveness and transport concerns.</summary>
    public TimeProvider Real { get; }

    public double Speed { get; }

    public DateTimeOffset AnchorReal => _anchorReal;

    public DateTimeOffset AnchorBusiness => _anchorBusiness;

    public bool IsScaled => Speed != 1 || _anchorBusiness != _anchorReal;

    public override DateTimeOffset GetUtcNow()
    {
        var real = Real.GetUtcNow();
        if (!IsScaled) return real;
        return _anchorBusiness + TimeSpan.FromTicks((long)((real - _anchorReal).Ticks * Speed));
    }

    public override TimeZoneInfo LocalTimeZone => HanoiTime.Zone;

    public override long TimestampFrequency => Real.TimestampFrequency;

    public override long GetTimestamp() => Real.GetTimestamp();

    /// <summary>Business durations shrink by the speed factor when they become real timers.</summary>
    public TimeSpan ToReal(TimeSpan business) =>
        business == Timeout.InfiniteTimeSpan || Speed == 1 ? business : TimeSpan.FromTicks((long)(business.Ticks / Speed));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Real.CreateTimer(callback, state, ToReal(dueTime), ToReal(period));
        return Speed == 1 ? timer : new ScaledTimer(timer, this);
    }
}
