using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>A ward's staffing advice now (best first) and what was accepted today (newest first).</summary>
[GenerateSerializer, Immutable]
public sealed record WardStaffing(
    [property: Id(0)] string Ward,
    [property: Id(1)] DateTimeOffset? ComputedAt,
    [property: Id(2)] ImmutableArray<StaffingAdvice> Advice,
    [property: Id(3)] ImmutableArray<AcceptedAdvice> Accepted);
