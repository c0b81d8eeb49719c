using System.Collections.Concurrent;
using Ioc.Grains;
using Ioc.Telemetry;

namespace Ioc.Ingest.Devices;

/// <summary>
/// Device key → device, cached for a short while so the hot ingest path does not ask the
/// registry on every request. A rotated key keeps working at most <see cref="Ttl"/> longer here.
/// </summary>
public sealed class DeviceKeyCache(IGrainFactory grains, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, (DeviceInfo? Device, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public async ValueTask<DeviceInfo?> FindAsync(string key)
    {
        var hash = DeviceKeys.Hash(key);
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(hash, out var hit) && hit.Until > now) return hit.Device;
        var device = await grains.GetGrain<IDeviceRegistryGrain>(0).FindByKeyHash(hash);
        // Unknown keys are remembered briefly too, so a misconfigured device cannot hammer the registry.
        _cache[hash] = (device, now + (device is null ? TimeSpan.FromSeconds(2) : Ttl));
        if (_cache.Count > 100_000) _cache.Clear();
        return device;
    }

    public void Forget(string keyHash) => _cache.TryRemove(keyHash, out _);
}
