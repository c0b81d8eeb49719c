using Ioc.Grains;
using Ioc.Wards;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Jobs;

/// <summary>Each minute: critical alerts nobody acknowledged in time go to city leaders (pushed live by the wards).</summary>
public sealed class EscalationJob(IGrainFactory grains, WardDirectory wards, IOptions<JobOptions> options, ILogger<EscalationJob> logger)
{
    public async Task<int> Run()
    {
        var after = TimeSpan.FromMinutes(options.Value.EscalateAfterMinutes);
        var escalated = (await grains.ForEachWard(wards, w => w.EscalateUnacknowledged(after))).Sum();
        if (escalated > 0) logger.LogWarning("Escalated {Count} unacknowledged critical alert(s) to city leaders", escalated);
        return escalated;
    }
}
