using Ioc.Grains;

namespace Ioc.Dashboard.Api;

/// <summary>Who acted first, when an action on an alert came second: what they did, who, when (and the owner they gave it).</summary>
public sealed record AlertConflict(string Action, string? By, DateTimeOffset? At, string? Owner)
{
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Assigned = "assigned";

    /// <summary>The alert as it is now, after the attempt was refused.</summary>
    public static AlertConflict Of(Alert a) => a.State switch
    {
        AlertStates.Resolved => new(Resolved, a.ResolvedBy, a.ResolvedAt, a.Owner),
        AlertStates.Acknowledged when a.AcknowledgedBy is not null => new(Acknowledged, a.AcknowledgedBy, a.AcknowledgedAt, a.Owner),
        _ => new(Assigned, a.AssignedBy, a.AssignedAt, a.Owner),
    };
}
