using Ioc.Grains;

namespace Ioc.Ingest.Mqtt;

public sealed class NoBrokerAccounts : IDeviceBrokerAccounts
{
    public Task Upsert(DeviceInfo device, string key, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
