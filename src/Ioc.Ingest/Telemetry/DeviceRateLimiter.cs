using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// A token bucket per device, so one noisy device cannot starve the others. The partitioned
/// limiter refills every bucket from one timer and drops idle ones, so thousands of devices do
/// not mean thousands of timers.
/// </summary>
public sealed class DeviceRateLimiter : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);
    private readonly PartitionedRateLimiter<string> _limiter;

    public DeviceRateLimiter(IOptions<IngestOptions> options)
    {
        var o = options.Value;
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, o.Burst),
            // Whole tokens per period: refill over as many periods as it takes to add one.
            TokensPerPeriod = Math.Max(1, (int)Math.Round(o.RequestsPerSecond * Period.TotalSeconds)),
            ReplenishmentPeriod = o.RequestsPerSecond * Period.TotalSeconds >= 1
                ? Period
                : TimeSpan.FromSeconds(1 / Math.Max(0.001, o.RequestsPerSecond)),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<string, string>(device => RateLimitPartition.GetTokenBucketLimiter(device, _ => bucket));
    }

    /// <summary>Null when allowed, otherwise how long the device should wait.</summary>
    public TimeSpan? TryAcquire(string deviceId)
    {
        using var lease = _limiter.AttemptAcquire(deviceId);
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) && retry > TimeSpan.Zero ? retry : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
