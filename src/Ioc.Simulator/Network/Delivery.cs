using Ioc.Simulator.Model;

namespace Ioc.Simulator.Network;

/// <summary>One batch of one device as it reaches the center: when, when the device sent it, and why then.</summary>
public sealed record Delivery(DateTimeOffset At, DateTimeOffset SentAt, string DeviceId, IReadOnlyList<SimEvent> Events, DeliveryKind Kind);
