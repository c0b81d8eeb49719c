namespace Ioc.Silo.Wards;

/// <summary>
/// What one ticket adds to its day. A ticket's contribution is taken out before it changes and
/// put back after, so the day's sums are always the sum over its tickets, whatever the order.
/// </summary>
public readonly record struct TicketContribution(
    bool Issued, bool Called, bool Served, bool NoShow,
    long? WaitMillis, bool OverTarget, long? ServiceMillis,
    long? EstimateErrorMillis, bool UnderBy5Min, string? ServedAt)
{
    public const int HistogramBuckets = 13;
    private const long BucketMillis = 5 * 60_000;
    private const long UnderEstimateMillis = 5 * 60_000;

    public int? Bucket => WaitMillis is { } w ? (int)Math.Min(HistogramBuckets - 1, w / BucketMillis) : null;

    public static TicketContribution Of(Ticket t, long waitTargetMillis)
    {
        var o = t.Outcome;
        var wait = o.WaitMillis;
        long? error = null;
        var under = false;
        if (wait is { } w && t.EstimatedWaitSeconds is { } est)
        {
            var told = est * 1000L;
            error = Math.Abs(w - told);
            under = w - told > UnderEstimateMillis;
        }
        return new(o.Issued is not null, o.Calls > 0, o.State == TicketState.Served, o.State == TicketState.NoShow,
            wait, wait > waitTargetMillis, o.ServiceMillis, error, under, o.State == TicketState.Served ? o.Counter : null);
    }
}
