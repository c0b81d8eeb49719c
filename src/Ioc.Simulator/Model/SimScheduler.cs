using Ioc.Time;

namespace Ioc.Simulator.Model;

/// <summary>
/// The model's clock and agenda: planned steps ordered by instant (then by the order they were
/// planned in, so a seed always replays the same way), and the events the current step emits.
/// </summary>
internal sealed class SimScheduler(DateTimeOffset now)
{
    private readonly PriorityQueue<SimAction, (long Ticks, long Seq)> _queue = new();
    private long _seq;
    private List<SimEvent> _out = [];

    /// <summary>Business time the model has been advanced to.</summary>
    public DateTimeOffset Now { get; private set; } = now;

    /// <summary>Plans a step (never in the past), truncated to whole milliseconds like every ts.</summary>
    public void Schedule(DateTimeOffset at, SimAction action)
    {
        if (at < Now) at = Now;
        action.At = WorkCalendar.Ms(at);
        _queue.Enqueue(action, (action.At.UtcTicks, ++_seq));
    }

    /// <summary>Runs every step planned up to <paramref name="to"/>, in order; returns what they emitted.</summary>
    public List<SimEvent> RunUntil(DateTimeOffset to, Action<SimAction> process)
    {
        var list = new List<SimEvent>();
        _out = list;
        while (_queue.TryPeek(out var action, out var key) && key.Ticks <= to.UtcTicks)
        {
            _queue.Dequeue();
            Now = new DateTimeOffset(key.Ticks, TimeSpan.Zero);
            process(action);
        }
        if (to > Now) Now = to;
        _out = [];
        return list;
    }

    public void Emit(SimEvent e) => _out.Add(e);

    public void Emit(string type, string id, string device, string ward, Func<SimEvent, SimEvent> fill) =>
        _out.Add(fill(new SimEvent { Type = type, Id = id, DeviceId = device, Ward = ward, Ts = Now }));

    /// <summary>Hanoi time of day now.</summary>
    public TimeSpan TimeOfDay => WorkCalendar.TimeOfDay(Now);

    public DateOnly Today => HanoiTime.DayOf(Now);
}
