using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Time;

namespace Ioc.Dashboard.Wall;

/// <summary>Reads <see cref="ICityFeedGrain.GetToday"/> and keeps the samples of the current Hanoi day.</summary>
public sealed class GrainCitySeries(IGrainFactory grains) : ICitySeries
{
    public async Task<ImmutableArray<CitySample>> Today()
    {
        var samples = await grains.GetGrain<ICityFeedGrain>(0).GetToday();
        if (samples.IsEmpty) return samples;
        var day = HanoiTime.DayOf(samples[^1].At);
        return [.. samples.Where(s => HanoiTime.DayOf(s.At) == day)];
    }
}
