using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ioc.Ingest.Mqtt;

/// <summary>Devices can reach this process over MQTT: the embedded broker listens, or the link to the cluster's broker is up.</summary>
public sealed class MqttHealthCheck(IEnumerable<IMqttTransport> transports) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = transports.Where(t => !t.IsRunning).Select(t => t.Name).ToList();
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy(string.Join(", ", transports.Select(t => t.Name)))
            : HealthCheckResult.Unhealthy($"{string.Join(", ", down)} not running"));
    }
}
