using System.Collections.Concurrent;
using Ioc.Simulator.Model;
using Ioc.Simulator.Network;

namespace Ioc.Simulator.Runtime;

/// <summary>
/// One provisioned device as the runner drives it: its key, what it will send at the next flush,
/// the deliveries the network has made due, and whether a post is in flight (one at a time, as a
/// device does).
/// </summary>
internal sealed class DeviceLink(DeviceSpec spec, string key)
{
    private volatile bool _busy;
    private volatile string _key = key;

    public DeviceSpec Spec { get; } = spec;
    public string Key { get => _key; set => _key = value; }

    /// <summary>Events of the current flush (the loop thread only).</summary>
    public List<SimEvent> Pending { get; } = [];

    /// <summary>Deliveries due, in delivery order: the loop adds, the sending task takes.</summary>
    public ConcurrentQueue<Delivery> Ready { get; } = new();

    public bool Busy { get => _busy; set => _busy = value; }
    public DateTimeOffset NextHeartbeat { get; set; }
    public DateTimeOffset LastState { get; set; } = DateTimeOffset.MinValue;
}
