using Ioc.Grains;

namespace Ioc.Ingest.Mqtt;

/// <summary>
/// Devices' accounts on an external broker. The embedded broker checks keys against the registry
/// itself, so by default there is nothing to do; with Mosquitto every provisioned or rotated device
/// gets its client (key as password) and its role there.
/// </summary>
public interface IDeviceBrokerAccounts
{
    /// <summary>Creates or updates the device's account: idempotent, so a rotation also repairs a missing one.</summary>
    Task Upsert(DeviceInfo device, string key, CancellationToken cancellationToken = default);
}
