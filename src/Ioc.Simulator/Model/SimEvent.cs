namespace Ioc.Simulator.Model;

/// <summary>One telemetry-v1 event as a device sends it. Optional fields are omitted when null.</summary>
public sealed record SimEvent
{
    public required string Type { get; init; }
    public required string Id { get; init; }
    public required string DeviceId { get; init; }
    public required string Ward { get; init; }
    public required DateTimeOffset Ts { get; init; }

    // robot.state
    public RobotPose? Pose { get; init; }
    public double? Battery { get; init; }
    public string? Mode { get; init; }
    public string? Issue { get; init; }

    // counter.state, ticket.*, rating.*
    public string? Counter { get; init; }
    public string? Status { get; init; }
    public IReadOnlyList<string>? Services { get; init; }
    public string? Ticket { get; init; }
    public string? Service { get; init; }
    public string? Channel { get; init; }
    public int? Score { get; init; }

    // dossier.*
    public string? Dossier { get; init; }
    public string? Procedure { get; init; }
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>dossier.received: the papers were digitised on receipt.</summary>
    public bool? Digitized { get; init; }

    /// <summary>dossier.received: the ward code of the service point that took the dossier in, when not <see cref="Ward"/>.</summary>
    public string? ReceivedAt { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsState => Type is Ioc.Telemetry.EventTypes.RobotState or Ioc.Telemetry.EventTypes.CounterState;
}
