using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>Everything a ward must not forget: stored before a business event is acknowledged.</summary>
[GenerateSerializer]
public sealed class WardState
{
    [Id(0)] public DateOnly Day { get; set; }
    [Id(1)] public DayTally Today { get; set; } = new();
    /// <summary>Tickets not yet finished (waiting or at a desk), by ticket label.</summary>
    [Id(2)] public Dictionary<string, TicketRecord> Tickets { get; set; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, DossierRecord> OpenDossiers { get; set; } = new(StringComparer.Ordinal);
    [Id(4)] public Dictionary<string, Alert> Alerts { get; set; } = new(StringComparer.Ordinal);
    [Id(5)] public int AlertSequence { get; set; }
    /// <summary>Hashes of business event ids seen today and yesterday: a retry days later is rare, one a day later is not.</summary>
    [Id(6)] public HashSet<ulong> SeenToday { get; set; } = [];
    [Id(7)] public HashSet<ulong> SeenYesterday { get; set; } = [];
    [Id(8)] public DateTimeOffset? UpdatedAt { get; set; }
    [Id(9)] public DateTimeOffset? LastHeardReal { get; set; }
    [Id(10)] public Dictionary<string, RobotView> Robots { get; set; } = new(StringComparer.Ordinal);
    [Id(11)] public Dictionary<string, CounterView> Counters { get; set; } = new(StringComparer.Ordinal);
    [Id(12)] public HashSet<string> RegisteredRobots { get; set; } = new(StringComparer.Ordinal);
    [Id(13)] public HashSet<string> RegisteredCounters { get; set; } = new(StringComparer.Ordinal);
    [Id(14)] public Dictionary<string, List<double>> RecentServiceSeconds { get; set; } = new(StringComparer.Ordinal);
    [Id(15)] public Dictionary<string, DeskTally> Desks { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Today's counts; reset at midnight Asia/Ho_Chi_Minh.</summary>
[GenerateSerializer]
public sealed class DayTally
{
    [Id(0)] public int TicketsIssued { get; set; }
    [Id(1)] public int TicketsCalled { get; set; }
    [Id(2)] public int TicketsServed { get; set; }
    [Id(3)] public int TicketsNoShow { get; set; }
    [Id(4)] public int WaitsMeasured { get; set; }
    [Id(5)] public double WaitSecondsSum { get; set; }
    [Id(6)] public double WaitSecondsMax { get; set; }
    [Id(7)] public int WaitsOverTarget { get; set; }
    /// <summary>Waits in 5-minute buckets, the last one open-ended (60 min and more).</summary>
    [Id(8)] public int[] WaitHistogram { get; set; } = new int[13];
    [Id(9)] public int Ratings { get; set; }
    [Id(10)] public int RatingSum { get; set; }
    [Id(11)] public int RatingsGood { get; set; }
    [Id(12)] public int DossiersReceived { get; set; }
    [Id(13)] public int DossiersReceivedOnline { get; set; }
    [Id(14)] public int DossiersResolvedOnTime { get; set; }
    [Id(15)] public int DossiersResolvedLate { get; set; }
    [Id(16)] public int EstimatesCompared { get; set; }
    [Id(17)] public double EstimateAbsErrorSum { get; set; }
}

[GenerateSerializer]
public sealed class TicketRecord
{
    [Id(0)] public required string Ticket { get; set; }
    [Id(1)] public string? Service { get; set; }
    [Id(2)] public string? Channel { get; set; }
    [Id(3)] public DateTimeOffset? IssuedAt { get; set; }
    [Id(4)] public double? EstimatedWaitSeconds { get; set; }
    [Id(5)] public DateTimeOffset? CalledAt { get; set; }
    [Id(6)] public string? Counter { get; set; }

    public bool Waiting => CalledAt is null;
}

[GenerateSerializer]
public sealed class DossierRecord
{
    [Id(0)] public required string Dossier { get; set; }
    [Id(1)] public required string Procedure { get; set; }
    [Id(2)] public required string Service { get; set; }
    [Id(3)] public string? Channel { get; set; }
    [Id(4)] public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The legal return date, already moved later by finished pauses.</summary>
    [Id(5)] public DateTimeOffset DueAt { get; set; }
    [Id(6)] public DateTimeOffset? PausedAt { get; set; }

    /// <summary>While paused the clock stands still, so the due time moves with "now".</summary>
    public DateTimeOffset EffectiveDueAt(DateTimeOffset now) =>
        PausedAt is { } p && now > p ? DueAt + (now - p) : DueAt;

    public bool IsOverdue(DateTimeOffset now) => PausedAt is null && now > DueAt;
}

[GenerateSerializer]
public sealed class DeskTally
{
    [Id(0)] public string? CurrentTicket { get; set; }
    [Id(1)] public int ServedToday { get; set; }
}
