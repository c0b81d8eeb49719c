namespace Ioc.Grains;

/// <summary>
/// An alert of one ward. Its <see cref="Cause"/> (kind plus subject) is unique among the ward's
/// active alerts, so a cause raises one alert until it is resolved. It holds a kind and the facts
/// behind it (a number, a due time, a device's own text), never display text: the UI and the API
/// render its title in Vietnamese or English. Times are UTC. What people did is kept with who and
/// when: acknowledged and resolved (each with an optional note), and the owner it was assigned to.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Alert(
    [property: Id(0)] string Id,
    [property: Id(1)] string Ward,
    [property: Id(2)] string Kind,
    [property: Id(3)] string Severity,
    [property: Id(5)] DateTimeOffset RaisedAt,
    [property: Id(6)] string State,
    [property: Id(7)] string? AcknowledgedBy,
    [property: Id(8)] DateTimeOffset? AcknowledgedAt,
    [property: Id(9)] string? ResolvedBy,
    [property: Id(10)] DateTimeOffset? ResolvedAt,
    [property: Id(11)] string Cause,
    [property: Id(12)] string? Subject,
    [property: Id(13)] DateTimeOffset? EscalatedAt,
    [property: Id(14)] bool NeedsConfirmation,
    [property: Id(15)] double? Figure = null,
    [property: Id(16)] DateTimeOffset? DueAt = null,
    [property: Id(17)] string? Detail = null,
    [property: Id(18)] string? Ticket = null,
    [property: Id(19)] string? Owner = null,
    [property: Id(20)] string? AssignedBy = null,
    [property: Id(21)] DateTimeOffset? AssignedAt = null,
    [property: Id(22)] string? AcknowledgeNote = null,
    [property: Id(23)] string? ResolveNote = null)
{
    /// <summary>The ward code is the part of an alert id before the first '-'.</summary>
    public static string? WardOf(string alertId) =>
        alertId.IndexOf('-') is var i and > 0 ? alertId[..i] : null;
}
