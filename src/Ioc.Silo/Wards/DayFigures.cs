using Ioc.Grains;

namespace Ioc.Silo.Wards;

/// <summary>
/// One day's exact sums, kept up to date by adding and taking out contributions (integers only,
/// so the result is the same in any order). Amended when a late event for the day arrives.
/// </summary>
[GenerateSerializer]
public sealed class DayFigures
{
    [Id(0)] public DateOnly Day { get; init; }
    [Id(1)] public int TicketsIssued { get; set; }
    [Id(2)] public int TicketsCalled { get; set; }
    [Id(3)] public int TicketsServed { get; set; }
    [Id(4)] public int TicketsNoShow { get; set; }
    [Id(5)] public int WaitsMeasured { get; set; }
    [Id(6)] public long WaitMillisSum { get; set; }
    [Id(7)] public long WaitMillisMax { get; set; }
    /// <summary>The largest wait was taken out: recompute it from the day's tickets before it is read.</summary>
    [Id(8)] public bool WaitMaxStale { get; set; }
    [Id(9)] public int WaitsOverTarget { get; set; }
    [Id(10)] public int[] WaitHistogram { get; set; } = new int[TicketContribution.HistogramBuckets];
    [Id(11)] public int ServicesMeasured { get; set; }
    [Id(12)] public long ServiceMillisSum { get; set; }
    [Id(13)] public int EstimatesCompared { get; set; }
    [Id(14)] public long EstimateAbsErrorMillisSum { get; set; }
    [Id(15)] public long EstimatedTicketsWaitMillisSum { get; set; }
    [Id(16)] public int EstimatesUnderBy5Min { get; set; }
    [Id(17)] public int Ratings { get; set; }
    [Id(18)] public int RatingSum { get; set; }
    [Id(19)] public int RatingsGood { get; set; }
    [Id(20)] public int DossiersReceived { get; set; }
    [Id(21)] public int DossiersReceivedOnline { get; set; }
    [Id(22)] public int DossiersDigitized { get; set; }
    [Id(23)] public int DossiersDigitizedKnown { get; set; }
    [Id(24)] public int DossiersResolvedOnTime { get; set; }
    [Id(25)] public int DossiersResolvedLate { get; set; }
    [Id(27)] public Dictionary<string, int> ServedByDesk { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Open overdue dossiers at the end of the day; -1 until the day is closed (or after an amendment).</summary>
    [Id(28)] public int OverdueAtClose { get; set; } = -1;
    [Id(29)] public int DossiersReceivedElsewhere { get; set; }
    /// <summary>Ratings that named a desk (<c>counter</c>), per desk; one without a desk counts for the ward only.</summary>
    [Id(40)] public Dictionary<string, DeskRatingSums> RatingsByDesk { get; set; } = new(StringComparer.Ordinal);

    public void Add(in TicketContribution c, int sign)
    {
        TicketsIssued += c.Issued ? sign : 0;
        TicketsCalled += c.Called ? sign : 0;
        TicketsServed += c.Served ? sign : 0;
        TicketsNoShow += c.NoShow ? sign : 0;
        if (c.WaitMillis is { } w)
        {
            WaitsMeasured += sign;
            WaitMillisSum += sign * w;
            if (sign > 0 && !WaitMaxStale) WaitMillisMax = Math.Max(WaitMillisMax, w);
            if (sign < 0 && w >= WaitMillisMax) WaitMaxStale = true;
            WaitsOverTarget += c.OverTarget ? sign : 0;
            WaitHistogram[c.Bucket!.Value] += sign;
        }
        if (c.ServiceMillis is { } s)
        {
            ServicesMeasured += sign;
            ServiceMillisSum += sign * s;
        }
        if (c.EstimateErrorMillis is { } err)
        {
            EstimatesCompared += sign;
            EstimateAbsErrorMillisSum += sign * err;
            EstimatedTicketsWaitMillisSum += sign * c.WaitMillis!.Value;
            EstimatesUnderBy5Min += c.UnderBy5Min ? sign : 0;
        }
        if (c.ServedAt is { } desk)
        {
            var n = ServedByDesk.GetValueOrDefault(desk) + sign;
            if (n == 0) ServedByDesk.Remove(desk); else ServedByDesk[desk] = n;
        }
    }

    public void AddReceipt(in DossierContribution c, int sign)
    {
        DossiersReceived += sign;
        DossiersReceivedOnline += c.Online ? sign : 0;
        DossiersDigitizedKnown += c.Digitized is not null ? sign : 0;
        DossiersDigitized += c.Digitized == true ? sign : 0;
        DossiersReceivedElsewhere += c.ElsewhereAt is not null ? sign : 0;
    }

    public void AddResolution(in DossierContribution c, int sign)
    {
        if (c.OnTime) DossiersResolvedOnTime += sign;
        else DossiersResolvedLate += sign;
    }

    public void AddRating(int score, string? desk, int sign)
    {
        Ratings += sign;
        RatingSum += sign * score;
        RatingsGood += score >= 4 ? sign : 0;
        if (desk is null) return;
        var sums = RatingsByDesk.GetValueOrDefault(desk).Add(score, sign);
        if (sums.Ratings == 0) RatingsByDesk.Remove(desk); else RatingsByDesk[desk] = sums;
    }

    public void RecomputeWaitMax(IEnumerable<long> waits)
    {
        WaitMillisMax = waits.DefaultIfEmpty(0).Max();
        WaitMaxStale = false;
    }

    public DaySummary ToSummary(int overdue) => new()
    {
        Day = Day,
        DossiersReceived = DossiersReceived,
        DossiersReceivedOnline = DossiersReceivedOnline,
        DossiersDigitized = DossiersDigitized,
        DossiersDigitizedKnown = DossiersDigitizedKnown,
        DossiersResolvedOnTime = DossiersResolvedOnTime,
        DossiersResolvedLate = DossiersResolvedLate,
        DossiersReceivedElsewhere = DossiersReceivedElsewhere,
        TicketsIssued = TicketsIssued,
        TicketsCalled = TicketsCalled,
        TicketsServed = TicketsServed,
        TicketsNoShow = TicketsNoShow,
        WaitsMeasured = WaitsMeasured,
        WaitMillisSum = WaitMillisSum,
        WaitMillisMax = WaitMillisMax,
        WaitsOverTarget = WaitsOverTarget,
        ServicesMeasured = ServicesMeasured,
        ServiceMillisSum = ServiceMillisSum,
        EstimatesCompared = EstimatesCompared,
        EstimateAbsErrorMillisSum = EstimateAbsErrorMillisSum,
        EstimatedTicketsWaitMillisSum = EstimatedTicketsWaitMillisSum,
        EstimatesUnderBy5Min = EstimatesUnderBy5Min,
        Ratings = Ratings,
        RatingsGood = RatingsGood,
        RatingSum = RatingSum,
        OverdueAtClose = overdue,
    };
}
