using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Jobs;

/// <summary>
/// Each minute: wakes every ward. Their own timers raise overdue alerts at the exact instant; the
/// sweep catches anything a lost timer (a silo that died mid-turn) would have missed.
/// </summary>
public sealed class OverdueSweepJob(IGrainFactory grains, WardDirectory wards)
{
    public Task Run() => grains.ForEachWard(wards, w => w.Wake());
}
