using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Jobs;

/// <summary>
/// At 00:00 in Hanoi: every ward closes its day (stores the day's summary, starts "today" afresh)
/// even if nothing reaches it tonight, then the closed day's final service index and reports are stored.
/// </summary>
public sealed class DayCloseJob(IGrainFactory grains, WardDirectory wards, ServiceIndexJob index, DailyReportJob reports, Ioc.Time.IocClock clock)
{
    public async Task Run()
    {
        await grains.ForEachWard(wards, w => w.Wake());
        var closed = Ioc.Time.HanoiTime.DayOf(clock.GetUtcNow()).AddDays(-1);
        await index.Compute(closedDay: closed);
        await reports.Run(closed);
    }
}
