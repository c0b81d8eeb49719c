using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class DeviceRegistryState
{
    [Id(0)] public Dictionary<string, DeviceInfo> Devices { get; set; } = new(StringComparer.Ordinal);
    /// <summary>SHA-256 of each device's current key → device id. The key itself is never stored.</summary>
    [Id(1)] public Dictionary<string, string> KeyHashes { get; set; } = new(StringComparer.Ordinal);
}

public sealed class DeviceRegistryGrain(
    [PersistentState("devices", "ioc")] IPersistentState<DeviceRegistryState> store) : Grain, IDeviceRegistryGrain
{
    private DeviceRegistryState S => store.State;

    public Task<DeviceInfo?> FindByKeyHash(string keyHash) =>
        Task.FromResult(S.KeyHashes.TryGetValue(keyHash, out var id) ? S.Devices.GetValueOrDefault(id) : null);

    public Task<DeviceInfo?> Find(string deviceId) => Task.FromResult(S.Devices.GetValueOrDefault(deviceId));

    public async Task<ProvisionOutcome> Provision(DeviceInfo device, string keyHash)
    {
        if (S.Devices.ContainsKey(device.DeviceId)) return ProvisionOutcome.Conflict;
        S.Devices[device.DeviceId] = device;
        S.KeyHashes[keyHash] = device.DeviceId;
        await store.WriteStateAsync();
        foreach (var ward in device.Wards)
            await GrainFactory.GetGrain<IWardGrain>(ward).RegisterDevice(device.DeviceId, device.Kind);
        return ProvisionOutcome.Created;
    }

    public async Task<ProvisionOutcome> RotateKey(string deviceId, string keyHash)
    {
        if (!S.Devices.ContainsKey(deviceId)) return ProvisionOutcome.NotFound;
        // The old key stops working the moment the new one is issued.
        foreach (var old in S.KeyHashes.Where(kv => kv.Value == deviceId).Select(kv => kv.Key).ToList())
            S.KeyHashes.Remove(old);
        S.KeyHashes[keyHash] = deviceId;
        await store.WriteStateAsync();
        return ProvisionOutcome.Rotated;
    }

    public Task<ImmutableArray<DeviceInfo>> List() =>
        Task.FromResult(S.Devices.Values.OrderBy(d => d.DeviceId, StringComparer.Ordinal).ToImmutableArray());
}
