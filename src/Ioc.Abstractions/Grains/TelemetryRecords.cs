using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>What a grain did with a batch: applied events and ignored repeats.</summary>
[GenerateSerializer, Immutable]
public sealed record ApplyResult([property: Id(0)] int Accepted, [property: Id(1)] int Duplicates)
{
    public static readonly ApplyResult Empty = new(0, 0);
    public ApplyResult Add(ApplyResult other) => new(Accepted + other.Accepted, Duplicates + other.Duplicates);
}

/// <summary>A robot's pose in the service hall's own frame (metres, radians).</summary>
[GenerateSerializer, Immutable]
public sealed record Pose(
    [property: Id(0)] double X,
    [property: Id(1)] double Y,
    [property: Id(2)] double Yaw,
    [property: Id(3)] string Floor);

[GenerateSerializer, Immutable]
public sealed record RobotStateReport(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Ward,
    [property: Id(3)] Pose Pose,
    [property: Id(4)] double Battery,
    [property: Id(5)] string Mode,
    [property: Id(6)] string? Issue);

[GenerateSerializer, Immutable]
public sealed record CounterStateReport(
    [property: Id(0)] string EventId,
    [property: Id(1)] DateTimeOffset Ts,
    [property: Id(2)] string Ward,
    [property: Id(3)] string DeviceId,
    [property: Id(4)] string Counter,
    [property: Id(5)] string Status,
    [property: Id(6)] ImmutableArray<string> Services);

/// <summary>
/// A ticket, rating or dossier event: counted exactly once per <see cref="EventId"/>.
/// Fields not used by a type are null.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record BusinessEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset Ts,
    [property: Id(3)] string DeviceId,
    [property: Id(4)] string? Ticket = null,
    [property: Id(5)] string? Service = null,
    [property: Id(6)] string? Channel = null,
    [property: Id(7)] string? Counter = null,
    [property: Id(8)] int? Score = null,
    [property: Id(9)] string? Dossier = null,
    [property: Id(10)] string? Procedure = null,
    [property: Id(11)] DateTimeOffset? DueAt = null,
    [property: Id(12)] bool? Digitized = null,
    [property: Id(13)] string? ReceivedAt = null);
