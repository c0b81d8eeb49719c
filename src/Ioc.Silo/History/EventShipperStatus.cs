namespace Ioc.Silo.History;

/// <summary>How the shipping of logged events to InfluxDB goes in this silo.</summary>
public sealed record EventShipperStatus(
    bool Connected,
    long EventsShipped,
    int WardsBehind,
    DateTimeOffset? LastShippedAt,
    string? LastError,
    DateTimeOffset? LastErrorAt);
