namespace Ioc.Silo.Wards;

/// <summary>
/// A ticket's figures, a function of the set of its events (telemetry-v1 "Days"): the wait runs
/// from the issue to the last call (a re-call counts once, with the wait up to it); a ticket served
/// after a no-show is served; the service time runs from the last call before the service to it.
/// </summary>
public readonly record struct TicketOutcome(TicketState State, TicketEvent? Issued, TicketEvent? LastCall, TicketEvent? Finish, int Calls)
{
    public string? Service => Issued?.Service;

    /// <summary>The desk that served it or said it was a no-show; else the desk that called it last.</summary>
    public string? Counter => Finish?.Counter ?? LastCall?.Counter;

    public long? WaitMillis => Issued is { } i && LastCall is { } c ? Math.Max(0, Millis(c.Ts - i.Ts)) : null;

    public long? ServiceMillis => State == TicketState.Served && LastCall is { } c && Finish!.Ts > c.Ts ? Millis(Finish.Ts - c.Ts) : null;

    public static long Millis(TimeSpan t) => t.Ticks / TimeSpan.TicksPerMillisecond;

    /// <param name="events">The ticket's events in <see cref="TicketEvent.CompareTo"/> order.</param>
    public static TicketOutcome Of(IReadOnlyList<TicketEvent> events)
    {
        TicketEvent? issued = null, served = null, lastCall = null, lastNoShow = null, callBeforeServed = null;
        var calls = 0;
        foreach (var e in events)
        {
            switch (e.Step)
            {
                case TicketStep.Issued: issued ??= e; break;
                case TicketStep.Called:
                    calls++;
                    lastCall = e;
                    if (served is null) callBeforeServed = e;
                    break;
                case TicketStep.NoShow: lastNoShow = e; break;
                case TicketStep.Served: served ??= e; break;
            }
        }
        if (served is not null) return new(TicketState.Served, issued, callBeforeServed, served, calls);
        if (lastNoShow is not null && (lastCall is null || lastNoShow.CompareTo(lastCall) > 0))
            return new(TicketState.NoShow, issued, lastCall, lastNoShow, calls);
        if (lastCall is not null) return new(TicketState.AtDesk, issued, lastCall, null, calls);
        return new(issued is null ? TicketState.Unissued : TicketState.Waiting, issued, null, null, calls);
    }
}
