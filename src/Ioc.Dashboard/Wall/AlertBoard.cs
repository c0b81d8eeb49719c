using System.Collections.Concurrent;
using System.Collections.Immutable;
using Ioc.Dashboard.Live;
using Ioc.Grains;
using Ioc.Wards;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// This process's copy of every ward's alerts for the wall's feed and the alerts page: read from
/// the ward grains once (and again every few minutes, in case a push was missed) and kept
/// current from <see cref="LiveFeed.Alert"/>, so that opening a screen does not ask every ward grain.
/// </summary>
public sealed class AlertBoard : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromMinutes(3);

    private readonly IGrainFactory _grains;
    private readonly WardDirectory _wards;
    private readonly LiveFeed _feed;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, Alert> _alerts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Alert> _pushedWhileLoading = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private volatile bool _isLoading;

    public AlertBoard(IGrainFactory grains, LiveFeed feed, TimeProvider time, WardDirectory wards)
    {
        _grains = grains;
        _wards = wards;
        _feed = feed;
        _time = time;
        _feed.Alert += OnAlert;
    }

    /// <summary>An alert was raised or changed state (from any ward).</summary>
    public event Action<Alert>? Changed;

    /// <summary>All alerts of all wards, newest first.</summary>
    public async Task<ImmutableArray<Alert>> All()
    {
        if (_time.GetUtcNow() - _loadedAt > Refresh) await Load();
        return [.. _alerts.Values.OrderByDescending(a => a.RaisedAt)];
    }

    /// <summary>Takes an alert a person just acted on, so every screen shows it at once.</summary>
    public void Put(Alert alert) => OnAlert(alert);

    private async Task Load()
    {
        await _loading.WaitAsync();
        try
        {
            if (_time.GetUtcNow() - _loadedAt <= Refresh) return;
            _isLoading = true;
            _pushedWhileLoading.Clear();
            var lists = await Task.WhenAll(_wards.All.Select(w => _grains.GetGrain<IWardGrain>(w.Code).GetAlerts()));
            var fresh = lists.SelectMany(l => l).ToDictionary(a => a.Id, StringComparer.Ordinal);
            // Pushes that arrived while the grains answered are newer than what they answered.
            foreach (var (id, pushed) in _pushedWhileLoading) fresh[id] = pushed;
            foreach (var id in _alerts.Keys.Where(id => !fresh.ContainsKey(id))) _alerts.TryRemove(id, out _);
            foreach (var (id, a) in fresh) _alerts[id] = a;
            _loadedAt = _time.GetUtcNow();
        }
        finally
        {
            _isLoading = false;
            _loading.Release();
        }
    }

    private void OnAlert(Alert alert)
    {
        if (_isLoading) _pushedWhileLoading[alert.Id] = alert;
        _alerts[alert.Id] = alert;
        Changed?.Invoke(alert);
    }

    public void Dispose() => _feed.Alert -= OnAlert;
}
