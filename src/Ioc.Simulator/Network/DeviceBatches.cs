using Ioc.Simulator.Model;

namespace Ioc.Simulator.Network;

/// <summary>How a device sends what it has: one batch of its own events, in ts order, at most <see cref="MaxEvents"/> each.</summary>
public static class DeviceBatches
{
    public const int MaxEvents = 500;

    /// <summary>Per device (in order of first appearance), its events cut into batches.</summary>
    public static List<(string DeviceId, List<SimEvent> Events)> Split(IEnumerable<SimEvent> events)
    {
        var byDevice = new Dictionary<string, List<SimEvent>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var e in events)
        {
            if (!byDevice.TryGetValue(e.DeviceId, out var list))
            {
                byDevice[e.DeviceId] = list = [];
                order.Add(e.DeviceId);
            }
            list.Add(e);
        }
        var batches = new List<(string, List<SimEvent>)>();
        foreach (var device in order)
        {
            var list = byDevice[device];
            for (var i = 0; i < list.Count; i += MaxEvents) batches.Add((device, list.GetRange(i, Math.Min(MaxEvents, list.Count - i))));
        }
        return batches;
    }
}
