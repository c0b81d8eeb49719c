using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>The ward's end of the live feed: what changed goes to the city feed and to the Dashboards watching it.</summary>
public sealed partial class WardGrain
{
    /// <summary>Something the wall shows changed: stored with the next round, told to the feed.</summary>
    private void MarkChanged()
    {
        _dirty = true;
        _live.Changed();
    }

    /// <summary>Tells the city feed and the watching Dashboards what changed (see <see cref="WardPublisher"/>).</summary>
    private void Publish() => _live.Publish(_alerts.TakeChanges(), () => _view.Summary(S.UpdatedAt), BuildDetail);

    public Task Watch(IWardObserver observer) => _live.Watch(observer);

    public Task Unwatch(IWardObserver observer) => _live.Unwatch(observer);
}
