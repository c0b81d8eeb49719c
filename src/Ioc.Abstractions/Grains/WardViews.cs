using System.Collections.Immutable;

namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record TrailPoint([property: Id(0)] double X, [property: Id(1)] double Y, [property: Id(2)] DateTimeOffset At);

[GenerateSerializer, Immutable]
public sealed record RobotView(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Ward,
    [property: Id(2)] Pose? Pose,
    [property: Id(3)] double? Battery,
    [property: Id(4)] string? Mode,
    [property: Id(5)] string? Issue,
    [property: Id(6)] DateTimeOffset? LastSeen,
    [property: Id(7)] bool Online,
    [property: Id(8)] ImmutableArray<TrailPoint> Trail);

[GenerateSerializer, Immutable]
public sealed record CounterView(
    [property: Id(0)] string Counter,
    [property: Id(1)] string Status,
    [property: Id(2)] ImmutableArray<string> Services,
    [property: Id(3)] string? CurrentTicket,
    [property: Id(4)] int ServedToday,
    [property: Id(5)] DateTimeOffset? LastSeen,
    [property: Id(6)] bool Online,
    [property: Id(7)] string? DeviceId,
    [property: Id(8)] int RatingsToday = 0,
    [property: Id(9)] int RatingSumToday = 0,
    [property: Id(10)] int RatingsLowToday = 0,
    [property: Id(11)] int RatingsGoodToday = 0)
{
    /// <summary>Today's mean score of the ratings that named this desk (exact sums; rounded where shown).</summary>
    public double? SatisfactionToday => RatingsToday > 0 ? (double)RatingSumToday / RatingsToday : null;
}

[GenerateSerializer, Immutable]
public sealed record QueueView(
    [property: Id(0)] string Service,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double? OldestWaitingSeconds,
    [property: Id(3)] double? EstimatedWaitSeconds);

[GenerateSerializer, Immutable]
public sealed record OverdueDossierView(
    [property: Id(0)] string Dossier,
    [property: Id(1)] string Procedure,
    [property: Id(2)] string Service,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] double OverdueSeconds);

[GenerateSerializer, Immutable]
public sealed record DueSoonDossierView(
    [property: Id(0)] string Dossier,
    [property: Id(1)] string Procedure,
    [property: Id(2)] string Service,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] double DueInSeconds,
    [property: Id(5)] bool Paused);

[GenerateSerializer, Immutable]
public sealed record DossierCounts(
    [property: Id(0)] int Received,
    [property: Id(1)] int ResolvedOnTime,
    [property: Id(2)] int ResolvedLate,
    [property: Id(3)] int InProgress,
    [property: Id(4)] int Overdue,
    [property: Id(5)] int DueSoon,
    [property: Id(6)] int ReceivedOnline,
    [property: Id(7)] int Digitized = 0,
    [property: Id(8)] int TakenInForOthers = 0,
    [property: Id(9)] int ReceivedElsewhere = 0);

[GenerateSerializer, Immutable]
public sealed record WaitEstimate(
    [property: Id(0)] string Service,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int CountersServing,
    [property: Id(3)] double? EstimatedWaitSeconds,
    [property: Id(4)] string Basis);

/// <summary>One line of GET /api/v1/wards.</summary>
[GenerateSerializer, Immutable]
public record WardSummary
{
    [Id(0)] public required string Code { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string Status { get; init; }
    [Id(4)] public int Waiting { get; init; }
    [Id(7)] public int CountersOpen { get; init; }
    [Id(8)] public int RobotsOnline { get; init; }
    [Id(9)] public int RobotsTotal { get; init; }
    [Id(10)] public required DossierCounts Dossiers { get; init; }
    [Id(12)] public DateTimeOffset? UpdatedAt { get; init; }
    // Beyond api-v1's minimum: what the wall and the service index need.
    [Id(13)] public int TicketsIssued { get; init; }
    [Id(14)] public int TicketsServed { get; init; }
    [Id(15)] public int TicketsNoShow { get; init; }
    [Id(16)] public int TicketsCalled { get; init; }
    [Id(17)] public int WaitsOverTarget { get; init; }
    [Id(18)] public int Ratings { get; init; }
    [Id(19)] public int RatingsGood { get; init; }
    [Id(21)] public int WaitEstimatesCompared { get; init; }
    [Id(22)] public int AlertsOpen { get; init; }
    [Id(23)] public required string Day { get; init; }
    [Id(24)] public int WaitsMeasured { get; init; }
    /// <summary>Today's waits in 5-minute buckets; the last bucket is 60 minutes and more.</summary>
    [Id(25)] public ImmutableArray<int> WaitHistogram { get; init; } = [];
    // Exact sums behind the averages, so the city's figures are computed from sums, never from
    // rounded ward averages.
    [Id(26)] public long WaitMillisSum { get; init; }
    [Id(27)] public int RatingSum { get; init; }
    [Id(28)] public long WaitEstimateAbsErrorMillisSum { get; init; }
    /// <summary>The actual waits of the tickets whose estimate was compared.</summary>
    [Id(29)] public long WaitEstimatedTicketsMillisSum { get; init; }
    /// <summary>Compared tickets that waited more than five minutes longer than estimated.</summary>
    [Id(30)] public int WaitEstimatesUnderBy5Min { get; init; }
    [Id(31)] public int ServicesMeasured { get; init; }
    [Id(32)] public long ServiceMillisSum { get; init; }
    [Id(33)] public long WaitMillisMax { get; init; }

    // Derived from the sums above: one source of truth, unrounded (rounding is for display).
    public double? AvgWaitSeconds => WaitsMeasured > 0 ? WaitMillisSum / 1000.0 / WaitsMeasured : null;
    public double? MaxWaitSeconds => WaitsMeasured > 0 ? WaitMillisMax / 1000.0 : null;
    public double? Satisfaction => Ratings > 0 ? (double)RatingSum / Ratings : null;
    public double? WaitEstimateMaeSeconds => WaitEstimatesCompared > 0 ? WaitEstimateAbsErrorMillisSum / 1000.0 / WaitEstimatesCompared : null;
    public double? WaitEstimateErrorShare => WaitEstimatedTicketsMillisSum > 0 ? (double)WaitEstimateAbsErrorMillisSum / WaitEstimatedTicketsMillisSum : null;
    public double? WaitEstimatesUnderShare => WaitEstimatesCompared > 0 ? (double)WaitEstimatesUnderBy5Min / WaitEstimatesCompared : null;
}

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
