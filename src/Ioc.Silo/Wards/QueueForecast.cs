using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// Plays the hall forward from now to the moment a ticket is called, the way desks work: each desk,
/// when free, calls the oldest waiting ticket among the services it handles; a desk busy with a
/// ticket frees up after what is left of its expected time; a paused desk comes back after a usual
/// pause; a closed or silent desk takes nobody. Deterministic: the same hall gives the same answer.
/// </summary>
public static class QueueForecast
{
    private const int MaxSteps = 20_000;
    private static readonly TimeSpan UsualPause = TimeSpan.FromMinutes(10);

    /// <summary>When <paramref name="target"/> will be called, or null when no desk serves its service.</summary>
    /// <param name="ahead">Waiting tickets before the target, oldest first.</param>
    public static DateTimeOffset? CallAt(WaitingKey target, IEnumerable<WaitingKey> ahead, IReadOnlyList<DeskNow> desks, ServiceTimeModel model, DateTimeOffset now)
    {
        var usable = desks.Where(d => d.Online && d.Status is "open" or "paused").ToList();
        if (!usable.Any(d => d.Serves(target.Service))) return null;
        var queues = new Dictionary<string, Queue<WaitingKey>>(StringComparer.Ordinal);
        foreach (var t in ahead) Enqueue(queues, t);
        Enqueue(queues, target);

        var free = new PriorityQueue<int, (long, int)>();
        var at = new DateTimeOffset[usable.Count];
        for (var i = 0; i < usable.Count; i++)
        {
            at[i] = FreeAt(usable[i], model, now);
            free.Enqueue(i, (at[i].UtcTicks, i));
        }
        for (var step = 0; step < MaxSteps && free.TryDequeue(out var i, out _); step++)
        {
            var desk = usable[i];
            var next = Oldest(queues, desk);
            if (next is not { } ticket) continue;
            var when = at[i] < now ? now : at[i];
            if (ticket.Label == target.Label && ticket.IssuedAt == target.IssuedAt) return when;
            queues[ticket.Service].Dequeue();
            at[i] = when.AddSeconds(model.TicketSeconds(ticket.Service, desk.Label, HourOf(when)));
            free.Enqueue(i, (at[i].UtcTicks, i));
        }
        return null;
    }

    private static void Enqueue(Dictionary<string, Queue<WaitingKey>> queues, WaitingKey t)
    {
        if (!queues.TryGetValue(t.Service, out var q)) queues[t.Service] = q = new Queue<WaitingKey>();
        q.Enqueue(t);
    }

    private static WaitingKey? Oldest(Dictionary<string, Queue<WaitingKey>> queues, DeskNow desk)
    {
        WaitingKey? best = null;
        foreach (var (service, q) in queues)
        {
            if (q.Count == 0 || !desk.Serves(service)) continue;
            var head = q.Peek();
            if (best is null || head.CompareTo(best.Value) < 0) best = head;
        }
        return best;
    }

    /// <summary>When a desk can call its next ticket.</summary>
    private static DateTimeOffset FreeAt(DeskNow desk, ServiceTimeModel model, DateTimeOffset now)
    {
        if (desk.Status == "paused")
        {
            var paused = desk.StatusSince is { } since ? now - since : TimeSpan.Zero;
            var left = UsualPause - paused;
            return now + (left > TimeSpan.FromMinutes(1) ? left : TimeSpan.FromMinutes(1));
        }
        if (desk.Current is not { } current) return now;
        var expected = current.Service is { } s ? model.MeanSeconds(s, HourOf(now)) * model.DeskFactor(desk.Label) : model.DefaultSeconds;
        var elapsed = (now - current.CalledAt).TotalSeconds;
        // Past its expected time a service still has some way to go, not none.
        var left2 = Math.Max(expected - elapsed, 0.3 * expected);
        return now.AddSeconds(left2 + model.GapMeanSeconds);
    }

    private static int HourOf(DateTimeOffset t) => HanoiTime.ToLocal(t).Hour;
}
