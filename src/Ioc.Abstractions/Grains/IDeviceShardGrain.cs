using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>
/// One of the registry's shards of devices (key: shard number, by device id): each holds a small
/// part of the fleet, so provisioning 40,000 devices writes small states, not one growing one.
/// </summary>
public interface IDeviceShardGrain : IGrainWithIntegerKey
{
    /// <summary>False when the device exists.</summary>
    Task<bool> Add(DeviceInfo device, string keyHash);

    Task<DeviceInfo?> Find(string deviceId);

    /// <summary>The device when this is its current key hash, else null.</summary>
    Task<DeviceInfo?> FindByKey(string deviceId, string keyHash);

    /// <summary>Gives the device a new key hash; returns the old one (null when the device is unknown).</summary>
    Task<string?> Rekey(string deviceId, string keyHash);

    Task<ImmutableArray<DeviceInfo>> List();
}
