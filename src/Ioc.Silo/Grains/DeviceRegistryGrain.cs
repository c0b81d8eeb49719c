using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Telemetry;
using Orleans.Concurrency;

namespace Ioc.Silo.Grains;

/// <summary>
/// The device registry's front (key 0): no state of its own, it routes to the shards of devices
/// (by id) and of keys (by hash), so it runs wherever it is called. The key index is written
/// before the device's shard: a key that exists only in the index finds no device and is refused.
/// </summary>
[StatelessWorker]
public sealed class DeviceRegistryGrain : Grain, IDeviceRegistryGrain
{
    private IDeviceShardGrain Shard(string deviceId) => GrainFactory.GetGrain<IDeviceShardGrain>(DeviceShards.OfDevice(deviceId));

    private IDeviceKeyShardGrain Keys(string keyHash) => GrainFactory.GetGrain<IDeviceKeyShardGrain>(DeviceShards.OfKeyHash(keyHash));

    public async Task<DeviceInfo?> FindByKeyHash(string keyHash)
    {
        if (await Keys(keyHash).Find(keyHash) is not { } id) return null;
        // Only the device's current key counts (a rotation may not have cleaned the index yet).
        return await Shard(id).FindByKey(id, keyHash);
    }

    public Task<DeviceInfo?> Find(string deviceId) => Shard(deviceId).Find(deviceId);

    public async Task<ProvisionOutcome> Provision(DeviceInfo device, string keyHash)
    {
        if (await Shard(device.DeviceId).Find(device.DeviceId) is not null) return ProvisionOutcome.Conflict;
        await Keys(keyHash).Set(keyHash, device.DeviceId);
        if (!await Shard(device.DeviceId).Add(device, keyHash)) return ProvisionOutcome.Conflict;
        // Only robots and desks are counted by their ward (a dossier system may write thousands of wards).
        if (device.Kind is DeviceKinds.Robot or DeviceKinds.Counter)
            await Task.WhenAll(device.Wards.Select(w => GrainFactory.GetGrain<IWardGrain>(w).RegisterDevice(device.DeviceId, device.Kind)));
        return ProvisionOutcome.Created;
    }

    public async Task<ProvisionOutcome> RotateKey(string deviceId, string keyHash)
    {
        if (await Shard(deviceId).Find(deviceId) is null) return ProvisionOutcome.NotFound;
        await Keys(keyHash).Set(keyHash, deviceId);
        // The old key stops working the moment the new one is issued.
        if (await Shard(deviceId).Rekey(deviceId, keyHash) is { Length: > 0 } old && old != keyHash) await Keys(old).Remove(old);
        return ProvisionOutcome.Rotated;
    }

    public async Task<ImmutableArray<DeviceInfo>> List()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, DeviceShards.Count).Select(i => GrainFactory.GetGrain<IDeviceShardGrain>(i).List()));
        return [.. shards.SelectMany(s => s).OrderBy(d => d.DeviceId, StringComparer.Ordinal)];
    }
}
