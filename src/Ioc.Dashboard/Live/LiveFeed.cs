using System.Collections.Concurrent;
using System.Text.Json;
using Ioc.Grains;
using Ioc.Dashboard.Operations;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>
/// This Dashboard process's end of the city feed: a grain observer that wraps the hub context
/// (the GPSTracker pattern) and also raises .NET events for the Blazor pages of this process.
/// It re-subscribes before the feed's lease runs out, so it survives a silo restart, and every
/// Dashboard process registers its own.
/// </summary>
public sealed class LiveFeed(IGrainFactory grains, IHubContext<IocHub> hub, WardWatchers watchers, ILogger<LiveFeed> logger, LiveMetrics? metrics = null)
    : BackgroundService, IWallObserver
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan WardCadence = TimeSpan.FromMilliseconds(250);
    private readonly ConcurrentDictionary<string, string> _lastWardFrame = new(StringComparer.Ordinal);
    private WallFrame? _frame;

    public event Action<WallFrame>? Wall;
    public event Action<Alert>? Alert;
    public event Action<WardDetail>? Ward;

    public WallFrame? Frame => _frame;

    public async Task<WallFrame?> CurrentFrame() => _frame ??= await grains.GetGrain<ICityFeedGrain>(0).GetFrame();

    public Task<WardDetail> Detail(string code) => grains.GetGrain<IWardGrain>(code).GetDetail();

    public async Task OnWall(WallFrame frame)
    {
        _frame = frame;
        await hub.Clients.Group(IocHub.CityGroup).SendAsync("wall", frame);
        metrics?.FrameSent("wall");
        foreach (var ward in frame.Wards)
            await hub.Clients.Group(IocHub.ChiefGroup(ward.Code)).SendAsync("wall", frame.For(ward.Code));
        Raise(Wall, frame);
    }

    public async Task OnAlert(Alert alert)
    {
        await hub.Clients.Groups(IocHub.CityGroup, IocHub.ChiefGroup(alert.Ward)).SendAsync("alert", alert);
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
        var renewAt = DateTime.MinValue;
        using var ticker = new PeriodicTimer(WardCadence);
        try
        {
            do
            {
                try
                {
                    if (DateTime.UtcNow >= renewAt)
                    {
                        await feed.Subscribe(reference);
                        renewAt = DateTime.UtcNow + Renew;
                    }
                    await PushWatchedWards();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Live feed unavailable; retrying");
                    renewAt = DateTime.MinValue;
                    await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
                }
            }
            while (await ticker.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) { }
        finally
        {
            try { await feed.Unsubscribe(reference); } catch (Exception) { /* shutting down */ }
        }
    }

    /// <summary>
    /// Ward frames: robots move without their ward hearing of every step, so watched wards are
    /// read four times a second and sent only when their detail changed.
    /// </summary>
    private async Task PushWatchedWards()
    {
        var watched = watchers.Watched();
        foreach (var stale in _lastWardFrame.Keys.Where(k => !watched.Contains(k))) _lastWardFrame.TryRemove(stale, out _);
        if (watched.Count == 0) return;
        var details = await Task.WhenAll(watched.Select(Detail));
        foreach (var d in details)
        {
            var json = JsonSerializer.Serialize(d);
            if (_lastWardFrame.TryGetValue(d.Code, out var last) && last == json) continue;
            _lastWardFrame[d.Code] = json;
            await hub.Clients.Group(IocHub.WatchGroup(d.Code)).SendAsync("ward", d);
            metrics?.FrameSent("ward");
            Raise(Ward, d);
        }
    }
}
