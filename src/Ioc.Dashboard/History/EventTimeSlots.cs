namespace Ioc.Dashboard.History;

/// <summary>
/// InfluxDB keeps one point per series and timestamp: two events of one ward, type, service and channel
/// in the same millisecond would overwrite each other. This remembers which event took which
/// (series, millisecond) recently and moves a newcomer to the next free millisecond, while an event sent
/// again (same id) gets its old slot back, so a re-sent batch still overwrites instead of duplicating.
/// Bounded: the oldest slots are forgotten first.
/// </summary>
public sealed class EventTimeSlots(int capacity = EventTimeSlots.DefaultCapacity)
{
    public const int DefaultCapacity = 50_000;

    private readonly Dictionary<(string Series, long Ms), string> _owners = [];
    private readonly Queue<(string Series, long Ms)> _order = new();
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate) return _owners.Count;
        }
    }

    /// <summary>The millisecond (Unix epoch) the event is stored at: <paramref name="ms"/> or the next free one.</summary>
    public long Claim(string series, long ms, string eventId)
    {
        lock (_gate)
        {
            for (var t = ms; ; t++)
            {
                if (!_owners.TryGetValue((series, t), out var owner))
                {
                    _owners[(series, t)] = eventId;
                    _order.Enqueue((series, t));
                    while (_order.Count > capacity) _owners.Remove(_order.Dequeue());
                    return t;
                }
                if (owner == eventId) return t;
            }
        }
    }
}
