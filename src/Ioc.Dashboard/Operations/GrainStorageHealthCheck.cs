using Ioc.Silo.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Storage;

namespace Ioc.Dashboard.Operations;

/// <summary>
/// The grain storage of the co-hosted silo answers a read (of a record that is never written). Registered only
/// on the embedded default: a cluster client holds no storage, its silos check their own.
/// </summary>
public sealed class GrainStorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    private sealed class Probe;

    private static readonly GrainId ProbeId = GrainId.Create("ioc-health", "probe");

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetKeyedService<IGrainStorage>(IocSiloHosting.StorageName) is not { } storage)
            return HealthCheckResult.Unhealthy("no grain storage in this process");
        try
        {
            await storage.ReadStateAsync("health", ProbeId, new GrainState<Probe>()).WaitAsync(IocHealth.CheckTimeout, cancellationToken);
            return HealthCheckResult.Healthy("grain storage answers");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"grain storage does not answer: {e.GetType().Name}");
        }
    }
}
