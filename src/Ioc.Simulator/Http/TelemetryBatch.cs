using Ioc.Simulator.Model;

namespace Ioc.Simulator.Http;

/// <summary>The body of a telemetry POST: <c>{"events": [...]}</c>.</summary>
public sealed record TelemetryBatch(IReadOnlyList<SimEvent> Events);
