using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>A shard of the key index: which device a key hash belongs to.</summary>
public sealed class DeviceKeyShardGrain(
    [PersistentState("device-keys", "ioc")] IPersistentState<DeviceKeyShardState> store) : Grain, IDeviceKeyShardGrain
{
    public async Task Set(string keyHash, string deviceId)
    {
        store.State.DeviceOf[keyHash] = deviceId;
        await store.WriteStateAsync();
    }

    public async Task Remove(string keyHash)
    {
        if (store.State.DeviceOf.Remove(keyHash)) await store.WriteStateAsync();
    }

    public Task<string?> Find(string keyHash) => Task.FromResult(store.State.DeviceOf.GetValueOrDefault(keyHash));
}
