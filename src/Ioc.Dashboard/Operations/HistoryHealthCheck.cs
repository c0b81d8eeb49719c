using Ioc.Dashboard.History;
using Ioc.History;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Operations;

/// <summary>
/// The history store can take more: with InfluxDB, the writer's backlog (memory queue, in flight and spill)
/// is below <see cref="HealthOptions.InfluxBacklogLimit"/>; with SQLite, the file answers a read.
/// </summary>
public sealed class HistoryHealthCheck(IServiceProvider services, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<InfluxWriter>() is { } writer)
        {
            var status = writer.GetStatus();
            var limit = options.Value.InfluxBacklogLimit;
            return Task.FromResult(status.Backlog < limit
                ? HealthCheckResult.Healthy($"InfluxDB backlog {status.Backlog} points (limit {limit})")
                : HealthCheckResult.Unhealthy($"InfluxDB backlog {status.Backlog} points, limit {limit} (connected: {status.Connected})"));
        }
        if (services.GetService<SqliteWardHistoryStore>() is { } sqlite)
        {
            try
            {
                sqlite.Samples("00004", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddMinutes(1));
                return Task.FromResult(HealthCheckResult.Healthy("ward history file answers"));
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy($"ward history file does not answer: {e.GetType().Name}"));
            }
        }
        return Task.FromResult(HealthCheckResult.Healthy("no history store"));
    }
}
