using System.Collections.Concurrent;
using Ioc.Grains;
using Ioc.Ingest.Telemetry;
using Ioc.Telemetry;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Devices;

/// <summary>
/// Device key → device, cached for a few seconds so the hot ingest path does not ask the registry
/// on every request. A key rotated in this process is dropped at once (<see cref="ForgetDevice"/>);
/// in another process of a cluster it keeps working at most <see cref="IngestOptions.DeviceKeyCacheSeconds"/>.
/// </summary>
public sealed class DeviceKeyCache(IGrainFactory grains, TimeProvider time, IOptions<IngestOptions> options)
{
    private static readonly TimeSpan UnknownTtl = TimeSpan.FromSeconds(2);
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(Math.Max(0, options.Value.DeviceKeyCacheSeconds));
    private readonly ConcurrentDictionary<string, (DeviceInfo? Device, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);
    private const int MaxKeys = 100_000;
    private long _rotations;
    // Counted here: ConcurrentDictionary.Count takes every lock of the dictionary, on the hot path.
    private int _keys;

    public async ValueTask<DeviceInfo?> FindAsync(string key)
    {
        var hash = DeviceKeys.Hash(key);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Device;
        var rotations = Interlocked.Read(ref _rotations);
        var device = await grains.GetGrain<IDeviceRegistryGrain>(0).FindByKeyHash(hash);
        // An answer that may predate a rotation in this process is used once, not kept.
        if (Interlocked.Read(ref _rotations) != rotations) return device;
        // Unknown keys are remembered briefly too, so a misconfigured device cannot hammer the registry.
        var entry = (device, now + (device is null ? UnknownTtl : _ttl));
        if (!_cache.TryAdd(hash, entry)) _cache[hash] = entry;
        else if (Interlocked.Increment(ref _keys) > MaxKeys)
        {
            // A flood of made-up keys: start over rather than grow without bound.
            _cache.Clear();
            Interlocked.Exchange(ref _keys, 0);
        }
        return device;
    }

    /// <summary>Drops every cached key of a device: its key was just rotated.</summary>
    public void ForgetDevice(string deviceId)
    {
        Interlocked.Increment(ref _rotations);
        foreach (var (hash, entry) in _cache)
            if (entry.Device?.DeviceId == deviceId && _cache.TryRemove(hash, out _)) Interlocked.Decrement(ref _keys);
    }
}
