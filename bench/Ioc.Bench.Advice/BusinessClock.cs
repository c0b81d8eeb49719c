namespace Ioc.Bench.Advice;

/// <summary>The simulated day's time as the "real" clock too: the advice board's real-time gap is then business time.</summary>
internal sealed class BusinessClock : TimeProvider
{
    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
