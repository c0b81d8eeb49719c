using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Telemetry;

public sealed class IngestOptions
{
    public const string Section = "Ioc:Ingest";

    /// <summary>Requests a device may send each second on average.</summary>
    public double RequestsPerSecond { get; set; } = 20;

    /// <summary>How many requests a device may send at once after a quiet spell (e.g. after an outage).</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Largest request body after decompression.</summary>
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}

/// <summary>A token bucket per device: one noisy device cannot starve the others.</summary>
public sealed class DeviceRateLimiter(IOptions<IngestOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> _buckets = new(StringComparer.Ordinal);
    private readonly IngestOptions _options = options.Value;

    /// <summary>Null when allowed, otherwise how long the device should wait.</summary>
    public TimeSpan? TryAcquire(string deviceId)
    {
        var bucket = _buckets.GetOrAdd(deviceId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, _options.Burst),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(_options.RequestsPerSecond / 10)),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100 * Math.Max(1, Math.Ceiling(_options.RequestsPerSecond / 10)) / Math.Max(0.001, _options.RequestsPerSecond / 10)),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        if (lease.IsAcquired) return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(1);
    }

    public void Dispose()
    {
        foreach (var b in _buckets.Values) b.Dispose();
    }
}
