namespace Ioc.Silo.Wards;

/// <summary>
/// Desks the ward opens when citizens have waited long (a general desk, a clerk called in), learned
/// through the day as calls arrive and again each night from the closed day's tickets, whatever order their events came in: a desk that calls
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
    /// <summary>
    /// Openings (decayed) before the ward relies on a desk coming in: one, seen today or the day before
    /// (after a night without one it weighs 0.75, so a desk that came in once a week ago is not relied on).
    /// </summary>
    public const double MinOpenings = 1;

    /// <summary>Per desk: openings seen (decayed) and Σ of the first called citizen's wait, seconds.</summary>
    [Id(0)] public Dictionary<string, double[]> Openings { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Per desk: openings seen today, as the events came (so a ward with no earlier days, e.g. on its first
    /// day, learns them by mid-morning). Replaced each night by the closed day's own count, in time order.
    /// </summary>
    [Id(1)] public Dictionary<string, double[]> Today { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Today, per desk: its latest call or finish seen.</summary>
    [Id(2)] public Dictionary<string, DateTimeOffset> LastActive { get; init; } = new(StringComparer.Ordinal);
    /// <summary>Today: when the hall's current session began, and its latest call or finish seen.</summary>
    [Id(3)] public DateTimeOffset? HallSince { get; set; }
    [Id(4)] public DateTimeOffset? HallLast { get; set; }

    /// <summary>Seconds a citizen waits before the ward opens this desk, or null when it is not one the ward opens on demand.</summary>
    public double? OpensAfterSeconds(string desk)
    {
        double count = 0, waits = 0;
        if (Openings.TryGetValue(desk, out var o)) (count, waits) = (o[0], o[1]);
        if (Today.TryGetValue(desk, out var t)) (count, waits) = (count + t[0], waits + t[1]);
        return count >= MinOpenings ? waits / count : null;
    }

    /// <summary>
    /// A call or a finish at a desk, as it arrives today; <paramref name="firstCallWait"/> is the wait of the
    /// citizen called, for a ticket's first call. The night (<see cref="LearnDay"/>) replays the closed day
    /// through this same rule in time order; by day, news older than the hall's latest only refreshes the desk.
    /// </summary>
    public void Saw(string desk, DateTimeOffset at, double? firstCallWait)
    {
        var late = HallLast is { } latest && at < latest;
        if (!late)
        {
            if (HallLast is not { } previous || at - previous >= HallStoppedAfter) HallSince = at;
            if (firstCallWait is { } w && (!LastActive.TryGetValue(desk, out var last) || at - last >= IdleBefore) && at - HallSince >= SessionSettled)
            {
                if (!Today.TryGetValue(desk, out var t)) Today[desk] = t = new double[2];
                t[0]++;
                t[1] += w;
            }
            HallLast = at;
        }
        if (!LastActive.TryGetValue(desk, out var seen) || at > seen) LastActive[desk] = at;
    }

    /// <summary>A night passed: earlier days weigh less, and the closed day's openings join them.</summary>
    public void Roll(TicketBook? closedDay)
    {
        foreach (var o in Openings.Values)
            for (var i = 0; i < o.Length; i++) o[i] *= NightlyDecay.Factor;
        Today.Clear();
        LastActive.Clear();
        (HallSince, HallLast) = (null, null);
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
        // The day replayed in time order through the rule that learns as events arrive: one rule, day and night.
        var replay = new OnDemandDesks();
        foreach (var (at, desk, waited) in moments) replay.Saw(desk, at, waited);
        foreach (var (desk, seen) in replay.Today)
        {
            if (!Openings.TryGetValue(desk, out var o)) Openings[desk] = o = new double[2];
            o[0] += seen[0];
            o[1] += seen[1];
        }
    }
}
