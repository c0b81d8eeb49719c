using System.Collections.Concurrent;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// Grain references by key, each made once: Orleans' <c>GetGrain</c> reads the interface's attributes
/// on every call, and a batch needs its grains' references on every request. A reference is only an
/// address, safe to share between threads. Keys come from events, so the set is bounded: past
/// <paramref name="max"/> it starts again.
/// </summary>
public sealed class GrainReferences<TKey, TGrain>(Func<TKey, TGrain> make, int max = 100_000) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TGrain> _made = new();
    // Counted here: the dictionary's own Count takes all of its locks.
    private int _count;

    public TGrain Get(TKey key)
    {
        if (_made.TryGetValue(key, out var grain)) return grain;
        if (Interlocked.Increment(ref _count) > max)
        {
            _made.Clear();
            Interlocked.Exchange(ref _count, 1);
        }
        return _made.GetOrAdd(key, make);
    }
}
