using Ioc.Simulator.Model;

namespace Ioc.Simulator.Network;

/// <summary>One device's connection as the network model sees it.</summary>
internal sealed class DeviceLine(Rng rng)
{
    public Rng Rng { get; } = rng;

    /// <summary>A batch held back until the device's next batch has gone (reordering).</summary>
    public HeldBatch? Held { get; set; }

    /// <summary>When the device's latest batch (not a held one) arrives.</summary>
    public DateTimeOffset LastAt { get; set; }

    public DateTimeOffset? LastBacklogAt { get; set; }
}
