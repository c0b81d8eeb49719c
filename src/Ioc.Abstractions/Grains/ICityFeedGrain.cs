using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>
/// The city's live feed (single activation, key 0): latest summaries of all wards, pushed to
/// observers at most four times a second and only when something changed, as the wards that changed.
/// </summary>
public interface ICityFeedGrain : IGrainWithIntegerKey
{
    Task Subscribe(IWallObserver observer);

    Task Unsubscribe(IWallObserver observer);

    [OneWay]
    Task WardChanged(WardSummary summary);

    [OneWay]
    Task AlertChanged(Alert alert);

    /// <summary>The last frame sent (its number), or the picture so far when none was sent yet.</summary>
    Task<WallFrame> GetFrame();

    /// <summary>Today's city queue, one sample a minute (business clock), for the wall's chart.</summary>
    Task<ImmutableArray<CitySample>> GetToday();
}
