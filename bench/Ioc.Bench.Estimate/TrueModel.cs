using Ioc.Silo.Wards;
using Ioc.Simulator.Model;

namespace Ioc.Bench.Estimate;

/// <summary>
/// What the ward's forecast would say if it knew the simulator's truth instead of learning it: every
/// service's mean and spread, each desk's pace, the no-show share and cost, the pause between citizens,
/// which desks open on demand and after how long. It knows no draw of the day (which citizen takes long,
/// when a clerk takes a break), so it shows how far learning could take this forecast, and what is left
/// to chance.
/// </summary>
internal static class TrueModel
{
    private const double Many = 1e9;

    // A no-show is a re-called citizen who does not come: the desk waits for the re-call and again after it.
    private const double NoShowShare = HallRules.RecallShare * (1 - HallRules.ServedAfterRecall);
    private const double NoShowCostSeconds = HallRules.RecallWaitMinSeconds + HallRules.RecallWaitMaxSeconds;
    private const double GapSeconds = (HallRules.FilingMinSeconds + HallRules.FilingMaxSeconds) / 2;

    /// <param name="lastFinish">The learned model's live record of when each desk finished (the hall as it stands).</param>
    public static ServiceTimeModel For(WardProfile ward, double serviceTimeCv, Dictionary<string, DateTimeOffset> lastFinish)
    {
        var model = new ServiceTimeModel { LastFinish = lastFinish, DefaultSeconds = 480 };
        var sigma2 = Math.Log(1 + serviceTimeCv * serviceTimeCv);
        foreach (var service in Catalog.Services)
        {
            var mean = Catalog.MeanServiceMinutes(service) * 60;
            model.HourCounts[service] = [.. Enumerable.Repeat(Many, 24)];
            model.HourSeconds[service] = [.. Enumerable.Repeat(Many * mean, 24)];
            var mu = Math.Log(mean) - sigma2 / 2;
            model.LogMoments[service] = [Many, Many * mu, Many * (sigma2 + mu * mu)];
        }
        for (var i = 0; i < ward.CounterCount; i++)
        {
            var label = WardProfile.CounterLabel(i + 1);
            model.DeskSeconds[label] = [Many * ward.DeskSpeeds[i], Many];
            if (ward.FlexCounters[i]) model.OnDemand.Openings[label] = [Many, Many * ward.FlexOpenAfterMinutes * 60];
        }
        model.Calls = Many;
        model.NoShows = Many * NoShowShare;
        model.NoShowSeconds = Many * NoShowShare * NoShowCostSeconds;
        model.Gaps = Many;
        model.GapSeconds = Many * GapSeconds;
        return model;
    }
}
