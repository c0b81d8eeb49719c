using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>GET /api/v1/wards/{code}: the summary plus the ward's parts.</summary>
[GenerateSerializer, Immutable]
public sealed record WardDetail : WardSummary
{
    [Id(0)] public ImmutableArray<CounterView> Counters { get; init; } = [];
    [Id(1)] public ImmutableArray<RobotView> Robots { get; init; } = [];
    [Id(2)] public ImmutableArray<QueueView> Queues { get; init; } = [];
    [Id(3)] public ImmutableArray<OverdueDossierView> OverdueDossiers { get; init; } = [];
    [Id(4)] public ImmutableArray<DueSoonDossierView> DueSoonDossiers { get; init; } = [];
    [Id(5)] public ImmutableArray<Alert> Alerts { get; init; } = [];
    /// <summary>Staffing advice now and what was accepted today.</summary>
    [Id(6)] public WardStaffing? Staffing { get; init; }
}
