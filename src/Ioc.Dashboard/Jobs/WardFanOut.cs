using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Jobs;

/// <summary>Calls every ward in parallel: the jobs all work ward by ward.</summary>
public static class WardFanOut
{
    public static Task<T[]> ForEachWard<T>(this IGrainFactory grains, WardDirectory wards, Func<IWardGrain, Task<T>> call) =>
        Task.WhenAll(wards.All.Select(w => call(grains.GetGrain<IWardGrain>(w.Code))));

    public static Task ForEachWard(this IGrainFactory grains, WardDirectory wards, Func<IWardGrain, Task> call) =>
        Task.WhenAll(wards.All.Select(w => call(grains.GetGrain<IWardGrain>(w.Code))));
}
