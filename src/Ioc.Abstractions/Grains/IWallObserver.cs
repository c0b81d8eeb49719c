using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>
/// A Dashboard process listening to the city (the GPSTracker pattern): each process registers
/// one observer and re-registers it before it expires; it forwards to its SignalR clients and pages.
/// One-way: the feed never waits for a Dashboard (which may read the feed while taking a frame).
/// </summary>
public interface IWallObserver : IGrainObserver
{
    /// <summary>A frame as the change since the one before it (built once, in the city feed).</summary>
    [OneWay]
    Task OnWall(WallDelta delta);

    [OneWay]
    Task OnAlert(Alert alert);
}
