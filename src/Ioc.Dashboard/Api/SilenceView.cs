using Ioc.Grains;

namespace Ioc.Dashboard.Api;

/// <summary>A silence as the API shows it, with its state now (<c>scheduled|active|ended</c>).</summary>
public sealed record SilenceView(
    string Id, string Ward, string Kind, DateTimeOffset From, DateTimeOffset To, string Reason,
    string CreatedBy, DateTimeOffset CreatedAt, string? EndedBy, DateTimeOffset? EndedAt, string State)
{
    public static SilenceView Of(Silence s, DateTimeOffset now) =>
        new(s.Id, s.Ward, s.Kind, s.From, s.To, s.Reason, s.CreatedBy, s.CreatedAt, s.EndedBy, s.EndedAt, s.StateAt(now));
}
