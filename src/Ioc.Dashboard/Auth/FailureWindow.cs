using System.Collections.Concurrent;

namespace Ioc.Dashboard.Auth;

/// <summary>
/// Failed sign-ins per key (a client address, or a username nobody has), in this process's memory,
/// by the same rule as an account's lockout: <c>max</c> failures within <c>window</c> block the key
/// for <c>window</c>. Bounded, so a flood of made-up keys cannot fill the memory.
/// </summary>
public sealed class FailureWindow(int max, TimeSpan window, TimeProvider time)
{
    private const int MaxKeys = 100_000;
    private readonly ConcurrentDictionary<string, Failures> _keys = new(StringComparer.Ordinal);

    private sealed class Failures
    {
        public readonly Queue<DateTimeOffset> Times = new();
        public DateTimeOffset? BlockedUntil;
    }

    /// <summary>How long the key is still refused, or null when it may try.</summary>
    public TimeSpan? Blocked(string key)
    {
        if (!_keys.TryGetValue(key, out var f)) return null;
        var now = time.GetUtcNow();
        lock (f) return f.BlockedUntil > now ? f.BlockedUntil - now : null;
    }

    /// <summary>Counts one failure; true when this one started a block.</summary>
    public bool Record(string key)
    {
        if (_keys.Count > MaxKeys) Prune();
        var now = time.GetUtcNow();
        var f = _keys.GetOrAdd(key, _ => new Failures());
        lock (f)
        {
            if (f.BlockedUntil > now) return false;
            while (f.Times.Count > 0 && f.Times.Peek() + window <= now) f.Times.Dequeue();
            f.Times.Enqueue(now);
            if (f.Times.Count < max) return false;
            f.Times.Clear();
            f.BlockedUntil = now + window;
            return true;
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (key, f) in _keys)
            lock (f)
                if (!(f.BlockedUntil > now) && (f.Times.Count == 0 || f.Times.Last() + window <= now)) _keys.TryRemove(key, out _);
        // Still full of live keys: an attack from very many addresses. Start over rather than grow.
        if (_keys.Count > MaxKeys) _keys.Clear();
    }
}
