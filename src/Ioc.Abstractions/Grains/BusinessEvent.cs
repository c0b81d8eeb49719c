namespace Ioc.Grains;

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
