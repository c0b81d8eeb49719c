using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>One minute of a ward (business clock), kept for the last 24 hours in grain state.</summary>
[GenerateSerializer, Immutable]
public sealed record WardSample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double? AvgWaitSeconds,
    [property: Id(3)] int CountersOpen,
    [property: Id(4)] int RobotsOnline,
    [property: Id(5)] int Overdue,
    [property: Id(6)] int DueSoon);

/// <summary>What a ward did on one Hanoi calendar day: stored at day close, the basis of rankings and reports.</summary>
[GenerateSerializer, Immutable]
public sealed record DaySummary(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int DossiersReceived,
    [property: Id(2)] int DossiersReceivedOnline,
    [property: Id(3)] int DossiersResolvedOnTime,
    [property: Id(4)] int DossiersResolvedLate,
    [property: Id(5)] int TicketsIssued,
    [property: Id(6)] int TicketsServed,
    [property: Id(7)] int TicketsNoShow,
    [property: Id(8)] int WaitsMeasured,
    [property: Id(9)] double WaitSecondsSum,
    [property: Id(10)] double WaitSecondsMax,
    [property: Id(11)] int WaitsOverTarget,
    [property: Id(12)] int Ratings,
    [property: Id(13)] int RatingsGood,
    [property: Id(14)] int RatingSum,
    [property: Id(15)] int OverdueAtClose)
{
    public static DaySummary Sum(DateOnly day, IEnumerable<DaySummary> days)
    {
        var list = days.ToList();
        return new DaySummary(day,
            list.Sum(d => d.DossiersReceived), list.Sum(d => d.DossiersReceivedOnline),
            list.Sum(d => d.DossiersResolvedOnTime), list.Sum(d => d.DossiersResolvedLate),
            list.Sum(d => d.TicketsIssued), list.Sum(d => d.TicketsServed), list.Sum(d => d.TicketsNoShow),
            list.Sum(d => d.WaitsMeasured), list.Sum(d => d.WaitSecondsSum), list.Count > 0 ? list.Max(d => d.WaitSecondsMax) : 0,
            list.Sum(d => d.WaitsOverTarget), list.Sum(d => d.Ratings), list.Sum(d => d.RatingsGood), list.Sum(d => d.RatingSum),
            list.Count > 0 ? list[^1].OverdueAtClose : 0);
    }
}

[GenerateSerializer, Immutable]
public sealed record WardHistory(
    [property: Id(0)] string Ward,
    [property: Id(1)] ImmutableArray<WardSample> Minutes,
    [property: Id(2)] ImmutableArray<DaySummary> Days);
