using Ioc.Simulator.Model;

namespace Ioc.Simulator.Network;

/// <summary>A batch on its way: what the device sent, when, and whether the network will deliver it twice.</summary>
internal sealed record HeldBatch(string DeviceId, IReadOnlyList<SimEvent> Events, DateTimeOffset SentAt, bool Repeat);
