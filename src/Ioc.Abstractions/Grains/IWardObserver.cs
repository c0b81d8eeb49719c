using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>
/// A Dashboard process whose screens watch a ward: the ward pushes its detail to it when the ward
/// changed (at most four times a second), and only while some process watches it. Registered with
/// <see cref="IWardGrain.Watch"/> and re-registered before the lease runs out. One-way: a ward
/// never waits for a Dashboard.
/// </summary>
public interface IWardObserver : IGrainObserver
{
    [OneWay]
    Task OnWard(WardDetail detail);
}
