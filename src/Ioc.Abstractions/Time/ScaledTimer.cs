namespace Ioc.Time;

/// <summary>A real timer set in business durations: <see cref="Change"/> shrinks them as <see cref="IocClock.CreateTimer"/> did.</summary>
internal sealed class ScaledTimer(ITimer real, IocClock clock) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period) => real.Change(clock.ToReal(dueTime), clock.ToReal(period));

    public void Dispose() => real.Dispose();

    public ValueTask DisposeAsync() => real.DisposeAsync();
}
