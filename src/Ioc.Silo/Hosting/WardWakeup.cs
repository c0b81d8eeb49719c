using Ioc.Grains;
using Ioc.Wards;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Silo.Hosting;

/// <summary>
/// Activates every ward when the silo starts, so overdue timers, staleness and rollover run
/// after a restart even before any device speaks. In a cluster each silo does it; the calls are
/// idempotent.
/// </summary>
internal sealed class WardWakeup(IGrainFactory grains, WardDirectory wards, ILogger<WardWakeup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the silo finish starting (the hosted service may start before it accepts calls).
        for (var attempt = 0; attempt < 30 && !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await Task.WhenAll(wards.All.Select(w => grains.GetGrain<IWardGrain>(w.Code).Wake()));
                logger.LogInformation("Woke {Count} wards", wards.All.Count);
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug(e, "Wards not ready yet");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
