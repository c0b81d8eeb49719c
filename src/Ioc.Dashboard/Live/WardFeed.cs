using System.Collections.Concurrent;
using Ioc.Dashboard.Operations;
using Ioc.Grains;
using Microsoft.AspNetCore.SignalR;

namespace Ioc.Dashboard.Live;

/// <summary>
/// The wards this Dashboard process's screens watch (hub connections and ward pages). For each it
/// registers one grain observer with the ward grain, which pushes its detail when it changed; this
/// sends it to the hub's watchers of that ward and raises <see cref="Ward"/> for the pages. The
/// registrations are renewed before their lease runs out and dropped when nobody watches any more.
/// </summary>
public sealed class WardFeed(IGrainFactory grains, IHubContext<IocHub, IIocClient> hub, ILogger<WardFeed> logger, LiveMetrics? metrics = null)
    : BackgroundService, IWardObserver
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(20);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byWatcher = new(StringComparer.Ordinal);
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);
    // Following and dropping a ward never overlap, so the grain's list ends as this process means it.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IWardObserver? _reference;

    /// <summary>A watched ward changed: its detail as the ward pushed it.</summary>
    public event Action<WardDetail>? Ward;

    public Task<WardDetail> Detail(string code) => grains.GetGrain<IWardGrain>(code).GetDetail();

    /// <summary>From now on the ward's changes reach this watcher (a connection id or a page's id).</summary>
    public async Task Watch(string watcher, string ward)
    {
        _byWatcher.GetOrAdd(watcher, _ => new(StringComparer.Ordinal)).TryAdd(ward, 0);
        await _gate.WaitAsync();
        try
        {
            if (_followed.Add(ward)) await Follow(ward);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Followed again with the next renewal.
            logger.LogWarning(e, "Watching ward {Ward} failed; trying again in {Seconds} s", ward, Renew.TotalSeconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Unwatch(string watcher, string ward)
    {
        if (_byWatcher.TryGetValue(watcher, out var wards)) wards.TryRemove(ward, out _);
    }

    public void Forget(string watcher) => _byWatcher.TryRemove(watcher, out _);

    public bool IsWatched(string ward) => _byWatcher.Values.Any(w => w.ContainsKey(ward));

    public async Task OnWard(WardDetail detail)
    {
        if (!IsWatched(detail.Code)) return;
        await hub.Clients.Group(IocHub.WatchGroup(detail.Code)).Ward(FeedPayload.Of(detail));
        metrics?.FrameSent("ward");
        var handlers = Ward;
        if (handlers is null) return;
        foreach (var h in handlers.GetInvocationList().Cast<Action<WardDetail>>())
        {
            try { h(detail); }
            catch (Exception e) { logger.LogWarning(e, "A ward page failed to take ward {Ward}", detail.Code); }
        }
    }

    private Task Follow(string ward) =>
        grains.GetGrain<IWardGrain>(ward).Watch(_reference ??= grains.CreateObjectReference<IWardObserver>(this));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(Renew, stoppingToken);
                await _gate.WaitAsync(stoppingToken);
                try
                {
                    var drop = _followed.Where(w => !IsWatched(w)).ToList();
                    foreach (var ward in drop)
                    {
                        _followed.Remove(ward);
                        await grains.GetGrain<IWardGrain>(ward).Unwatch(_reference!);
                    }
                    await Task.WhenAll(_followed.Select(Follow));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Renewing the watched wards failed; trying again in {Seconds} s", Renew.TotalSeconds);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
