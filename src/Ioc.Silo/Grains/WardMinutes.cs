using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>
/// The ward's last 24 hours a minute at a time, kept apart from its ledger so the samples do not
/// grow every acknowledged write; stored every few minutes (it is a chart, not a ledger).
/// </summary>
[GenerateSerializer]
public sealed class WardMinutes
{
    private static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    [Id(0)] public List<WardSample> Samples { get; set; } = [];

    /// <summary>A sample for the business minute of <paramref name="now"/> unless it has one; false if it had.</summary>
    public bool Record(DateTimeOffset now, Func<WardSummary> summary)
    {
        var minute = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        if (Samples.Count > 0 && Samples[^1].At >= minute) return false;
        var s = summary();
        Samples.Add(new WardSample(minute, s.Waiting, s.AvgWaitSeconds, s.CountersOpen, s.RobotsOnline, s.Dossiers.Overdue, s.Dossiers.DueSoon));
        var cut = Samples.FindIndex(m => m.At > now - Kept);
        if (cut > 0) Samples.RemoveRange(0, cut);
        return true;
    }
}
