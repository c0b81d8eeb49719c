using System.Collections.Concurrent;

namespace Ioc.Dashboard.Live;

/// <summary>Which wards this Dashboard process's clients (hub connections and ward pages) watch.</summary>
public sealed class WardWatchers
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _byWatcher = new();

    public void Watch(string watcher, string ward) => _byWatcher.GetOrAdd(watcher, _ => new()).TryAdd(ward, 0);

    public void Unwatch(string watcher, string ward)
    {
        if (_byWatcher.TryGetValue(watcher, out var wards)) wards.TryRemove(ward, out _);
    }

    public void Forget(string watcher) => _byWatcher.TryRemove(watcher, out _);

    public IReadOnlySet<string> Watched() => _byWatcher.Values.SelectMany(w => w.Keys).ToHashSet(StringComparer.Ordinal);
}
