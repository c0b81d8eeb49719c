using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>A shard of the device registry: the devices whose ids fall in it, and their current key hashes.</summary>
public sealed class DeviceShardGrain(
    [PersistentState("device-shard", "ioc")] IPersistentState<DeviceShardState> store) : Grain, IDeviceShardGrain
{
    private DeviceShardState S => store.State;

    public async Task<bool> Add(DeviceInfo device, string keyHash)
    {
        if (S.Devices.ContainsKey(device.DeviceId)) return false;
        S.Devices[device.DeviceId] = device;
        S.KeyHashOf[device.DeviceId] = keyHash;
        await store.WriteStateAsync();
        return true;
    }

    public Task<DeviceInfo?> Find(string deviceId) => Task.FromResult(S.Devices.GetValueOrDefault(deviceId));

    public Task<DeviceInfo?> FindByKey(string deviceId, string keyHash) =>
        Task.FromResult(S.KeyHashOf.GetValueOrDefault(deviceId) == keyHash ? S.Devices.GetValueOrDefault(deviceId) : null);

    public async Task<string?> Rekey(string deviceId, string keyHash)
    {
        if (!S.Devices.ContainsKey(deviceId)) return null;
        var old = S.KeyHashOf.GetValueOrDefault(deviceId) ?? "";
        S.KeyHashOf[deviceId] = keyHash;
        await store.WriteStateAsync();
        return old;
    }

    public Task<ImmutableArray<DeviceInfo>> List() => Task.FromResult(S.Devices.Values.ToImmutableArray());
}
