namespace Ioc.Grains;

/// <summary>
/// What a ward did on one Hanoi calendar day, as exact sums and counts (waits in milliseconds),
/// so any period or the whole city is the plain sum of its days and wards. A closed day is
/// amended when a late event for it arrives. Averages and shares are derived here and rounded only
/// where they are shown.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DaySummary
{
    [Id(0)] public DateOnly Day { get; init; }
    [Id(1)] public int DossiersReceived { get; init; }
    [Id(2)] public int DossiersReceivedOnline { get; init; }
    /// <summary>Received dossiers whose papers were digitised on receipt.</summary>
    [Id(3)] public int DossiersDigitized { get; init; }
    /// <summary>Received dossiers that said whether they were digitised (the field is optional).</summary>
    [Id(4)] public int DossiersDigitizedKnown { get; init; }
    [Id(5)] public int DossiersResolvedOnTime { get; init; }
    [Id(6)] public int DossiersResolvedLate { get; init; }
    /// <summary>Dossiers this ward's service point took in for another responsible ward.</summary>
    [Id(7)] public int DossiersTakenInForOthers { get; init; }
    [Id(8)] public int TicketsIssued { get; init; }
    [Id(9)] public int TicketsCalled { get; init; }
    [Id(10)] public int TicketsServed { get; init; }
    [Id(11)] public int TicketsNoShow { get; init; }
    [Id(12)] public int WaitsMeasured { get; init; }
    [Id(13)] public long WaitMillisSum { get; init; }
    [Id(14)] public long WaitMillisMax { get; init; }
    [Id(15)] public int WaitsOverTarget { get; init; }
    [Id(16)] public int ServicesMeasured { get; init; }
    [Id(17)] public long ServiceMillisSum { get; init; }
    /// <summary>Tickets whose estimate at issue could be compared with the wait they had.</summary>
    [Id(18)] public int EstimatesCompared { get; init; }
    [Id(19)] public long EstimateAbsErrorMillisSum { get; init; }
    /// <summary>The actual waits of the compared tickets, so the error can be set against them.</summary>
    [Id(20)] public long EstimatedTicketsWaitMillisSum { get; init; }
    /// <summary>Compared tickets that waited more than five minutes longer than they were told.</summary>
    [Id(21)] public int EstimatesUnderBy5Min { get; init; }
    [Id(22)] public int Ratings { get; init; }
    [Id(23)] public int RatingsGood { get; init; }
    [Id(24)] public int RatingSum { get; init; }
    /// <summary>Open dossiers past their due time at the end of the day (now, for today).</summary>
    [Id(25)] public int OverdueAtClose { get; init; }
    /// <summary>Received dossiers of this ward that a citizen filed at another ward's service point.</summary>
    [Id(26)] public int DossiersReceivedElsewhere { get; init; }

    public double? AvgWaitSeconds => WaitsMeasured > 0 ? WaitMillisSum / 1000.0 / WaitsMeasured : null;
    public double? MaxWaitSeconds => WaitsMeasured > 0 ? WaitMillisMax / 1000.0 : null;
    public double? Satisfaction => Ratings > 0 ? (double)RatingSum / Ratings : null;
    public double? EstimateMaeSeconds => EstimatesCompared > 0 ? EstimateAbsErrorMillisSum / 1000.0 / EstimatesCompared : null;

    /// <summary>A period of days as one: sums, the largest wait, and the overdue count of its last day.</summary>
    public static DaySummary Period(DateOnly day, IEnumerable<DaySummary> days) =>
        days.Aggregate(new DaySummary { Day = day }, (t, d) => t.Plus(d) with { OverdueAtClose = d.OverdueAtClose });

    /// <summary>Several wards' same day as one: sums, overdue dossiers too.</summary>
    public static DaySummary Wards(DateOnly day, IEnumerable<DaySummary> wards) =>
        wards.Aggregate(new DaySummary { Day = day }, (t, d) => t.Plus(d));

    private DaySummary Plus(DaySummary d) => this with
    {
        DossiersReceived = DossiersReceived + d.DossiersReceived,
        DossiersReceivedOnline = DossiersReceivedOnline + d.DossiersReceivedOnline,
        DossiersDigitized = DossiersDigitized + d.DossiersDigitized,
        DossiersDigitizedKnown = DossiersDigitizedKnown + d.DossiersDigitizedKnown,
        DossiersResolvedOnTime = DossiersResolvedOnTime + d.DossiersResolvedOnTime,
        DossiersResolvedLate = DossiersResolvedLate + d.DossiersResolvedLate,
        DossiersTakenInForOthers = DossiersTakenInForOthers + d.DossiersTakenInForOthers,
        DossiersReceivedElsewhere = DossiersReceivedElsewhere + d.DossiersReceivedElsewhere,
        TicketsIssued = TicketsIssued + d.TicketsIssued,
        TicketsCalled = TicketsCalled + d.TicketsCalled,
        TicketsServed = TicketsServed + d.TicketsServed,
        TicketsNoShow = TicketsNoShow + d.TicketsNoShow,
        WaitsMeasured = WaitsMeasured + d.WaitsMeasured,
        WaitMillisSum = WaitMillisSum + d.WaitMillisSum,
        WaitMillisMax = Math.Max(WaitMillisMax, d.WaitMillisMax),
        WaitsOverTarget = WaitsOverTarget + d.WaitsOverTarget,
        ServicesMeasured = ServicesMeasured + d.ServicesMeasured,
        ServiceMillisSum = ServiceMillisSum + d.ServiceMillisSum,
        EstimatesCompared = EstimatesCompared + d.EstimatesCompared,
        EstimateAbsErrorMillisSum = EstimateAbsErrorMillisSum + d.EstimateAbsErrorMillisSum,
        EstimatedTicketsWaitMillisSum = EstimatedTicketsWaitMillisSum + d.EstimatedTicketsWaitMillisSum,
        EstimatesUnderBy5Min = EstimatesUnderBy5Min + d.EstimatesUnderBy5Min,
        Ratings = Ratings + d.Ratings,
        RatingsGood = RatingsGood + d.RatingsGood,
        RatingSum = RatingSum + d.RatingSum,
        OverdueAtClose = OverdueAtClose + d.OverdueAtClose,
    };
}
