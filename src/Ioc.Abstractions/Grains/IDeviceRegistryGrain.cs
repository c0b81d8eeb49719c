using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>All provisioned devices (single activation, key 0). Keys are held only as hashes.</summary>
public interface IDeviceRegistryGrain : IGrainWithIntegerKey
{
    Task<DeviceInfo?> FindByKeyHash(string keyHash);

    Task<DeviceInfo?> Find(string deviceId);

    Task<ProvisionOutcome> Provision(DeviceInfo device, string keyHash);

    Task<ProvisionOutcome> RotateKey(string deviceId, string keyHash);

    Task<ImmutableArray<DeviceInfo>> List();
}
