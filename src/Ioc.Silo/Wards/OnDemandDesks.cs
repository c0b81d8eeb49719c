namespace Ioc.Silo.Wards;

/// <summary>
/// Desks the ward opens when citizens have waited long (a general desk, a clerk called in), learned
/// each night from the closed day's tickets, whatever order their events came in: a desk that calls
/// after a long while without a citizen, while the hall has been working for a while (so not the
/// opening of a session), came in because of the queue, and the wait of the citizen it called first is
/// how long the ward lets citizens wait before it does. Decayed each night like the service times, so
/// the ward's recent practice weighs most.
/// </summary>
[GenerateSerializer]
public sealed class OnDemandDesks
{
    /// <summary>A desk that has had nobody for this long had been closed (a break is shorter).</summary>
    public static readonly TimeSpan IdleBefore = TimeSpan.FromMinutes(20);
    /// <summary>A hall with nobody called or finished for this long had stopped (lunch, the night): its next call starts a session.</summary>
    public static readonly TimeSpan HallStoppedAfter = TimeSpan.FromMinutes(15);
    /// <summary>How long the hall must have been working before a desk coming in counts as called in by the queue.</summary>
    public static readonly TimeSpan SessionSettled = TimeSpan.FromMinutes(15);
    /// <summary>Openings (decayed) before the ward relies on a desk coming in.</summary>
    public const double MinOpenings = 1.5;

    /// <summary>Per desk: openings seen (decayed) and Σ of the first called citizen's wait, seconds.</summary>
    [Id(0)] public Dictionary<string, double[]> Openings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Seconds a citizen waits before the ward opens this desk, or null when it is not one the ward opens on demand.</summary>
    public double? OpensAfterSeconds(string desk) =>
        Openings.TryGetValue(desk, out var o) && o[0] >= MinOpenings ? o[1] / o[0] : null;

    /// <summary>A night passed: earlier days weigh less, and the closed day's openings join them.</summary>
    public void Roll(TicketBook? closedDay)
    {
        foreach (var o in Openings.Values)
            for (var i = 0; i < o.Length; i++) o[i] *= NightlyDecay.Factor;
        if (closedDay is not null) LearnDay(closedDay);
    }

    private void LearnDay(TicketBook day)
    {
        // Every first call (with its citizen's wait) and every finish at a desk, in time order.
        var moments = new List<(DateTimeOffset At, string Desk, double? Waited)>();
        foreach (var t in day.Tickets.Values)
        {
            var calledYet = false;
            var issued = t.Events.FirstOrDefault(e => e.Step == TicketStep.Issued);
            foreach (var e in t.Events)
            {
                if (e.Counter is not { } desk || e.Step == TicketStep.Issued) continue;
                var first = e.Step == TicketStep.Called && !calledYet;
                calledYet |= e.Step == TicketStep.Called;
                moments.Add((e.Ts, desk, first && issued is not null ? Math.Max(0, (e.Ts - issued.Ts).TotalSeconds) : null));
            }
        }
        // A total order (time, desk, wait): the same tickets give the same openings, whatever order they were kept in.
        moments.Sort((a, b) =>
        {
            var c = a.At.UtcTicks.CompareTo(b.At.UtcTicks);
            if (c == 0) c = string.CompareOrdinal(a.Desk, b.Desk);
            return c != 0 ? c : Nullable.Compare(b.Waited, a.Waited);
        });
        var lastActive = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        DateTimeOffset? hallSince = null, hallLast = null;
        foreach (var (at, desk, waited) in moments)
        {
            if (hallLast is not { } previous || at - previous >= HallStoppedAfter) hallSince = at;
            if (waited is { } w && (!lastActive.TryGetValue(desk, out var last) || at - last >= IdleBefore) && at - hallSince >= SessionSettled)
            {
                if (!Openings.TryGetValue(desk, out var o)) Openings[desk] = o = new double[2];
                o[0]++;
                o[1] += w;
            }
            lastActive[desk] = at;
            hallLast = at;
        }
    }
}
