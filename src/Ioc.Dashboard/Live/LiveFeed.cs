using Ioc.Dashboard.Operations;
using Ioc.Grains;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>
/// This Dashboard process's end of the city feed: a grain observer that wraps the hub context
/// (the GPSTracker pattern). It applies each frame's changes to its picture of the city once, hands
/// the result to the hub connections (<see cref="FeedClients"/>) and raises .NET events for the
/// Blazor pages of this process. It re-subscribes before the feed's lease runs out, so it survives
/// a silo restart, and every Dashboard process registers its own.
/// </summary>
public sealed class LiveFeed(IGrainFactory grains, FeedClients clients, IHubContext<IocHub, IIocClient> hub, ILogger<LiveFeed> logger, LiveMetrics? metrics = null)
    : BackgroundService, IWallObserver
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);
    // Frames are applied one at a time, in the order they come.
    private readonly SemaphoreSlim _applying = new(1, 1);

    /// <summary>A frame was applied: the pages take <see cref="WallUpdate.Changed"/> (everything when <see cref="WallUpdate.Reset"/>).</summary>
    public event Action<WallUpdate>? Wall;
    public event Action<Alert>? Alert;

    public WallUpdate? Current => clients.Current;

    /// <summary>The picture now, read from the city feed if this process has none yet.</summary>
    public async Task<WallUpdate?> CurrentUpdate()
    {
        if (clients.Current is { } current) return current;
        await _applying.WaitAsync();
        try
        {
            if (clients.Current is null) await Reload();
        }
        finally
        {
            _applying.Release();
        }
        return clients.Current;
    }

    public async Task OnWall(WallDelta delta)
    {
        await _applying.WaitAsync();
        try
        {
            await Take(delta);
        }
        finally
        {
            _applying.Release();
        }
    }

    private async Task Take(WallDelta delta)
    {
        if (clients.Current is { } current && current.Frame.Epoch == delta.Epoch)
        {
            if (delta.Number <= current.Frame.Number) return; // already in the picture
            if (delta.Number == current.Frame.Number + 1)
            {
                Publish(current.Apply(delta));
                return;
            }
        }
        // The first frame, a missed one, or a feed that started afresh: read the whole picture.
        var frame = await Reload();
        if (frame.Epoch == delta.Epoch && delta.Number == frame.Number + 1) Publish(clients.Current!.Apply(delta));
    }

    private async Task<WallFrame> Reload()
    {
        var frame = await grains.GetGrain<ICityFeedGrain>(0).GetFrame();
        Publish(WallUpdate.Whole((clients.Current?.Number ?? 0) + 1, frame));
        return frame;
    }

    private void Publish(WallUpdate update)
    {
        clients.Publish(update);
        metrics?.FrameSent("wall");
        Raise(Wall, update);
    }

    public async Task OnAlert(Alert alert)
    {
        await hub.Clients.Groups(IocHub.CityGroup, IocHub.ChiefGroup(alert.Ward)).Alert(FeedPayload.Of(alert));
        metrics?.FrameSent("alert");
        Raise(Alert, alert);
    }

    private void Raise<T>(Action<T>? handlers, T value)
    {
        if (handlers is null) return;
        foreach (var h in handlers.GetInvocationList().Cast<Action<T>>())
        {
            try { h(value); }
            catch (Exception e) { logger.LogWarning(e, "A live-feed listener failed"); }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reference = grains.CreateObjectReference<IWallObserver>(this);
        var feed = grains.GetGrain<ICityFeedGrain>(0);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await feed.Subscribe(reference);
                    // Subscribed first, then read: no frame falls between the two.
                    await CurrentUpdate();
                    await Task.Delay(Renew, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live feed unavailable; retrying");
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            try { await feed.Unsubscribe(reference); } catch (Exception) { /* shutting down */ }
        }
    }
}
