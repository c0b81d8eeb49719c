namespace Ioc.Silo.Grains;

/// <summary>
/// 64-bit FNV-1a of an event id: grains remember ids as 8-byte hashes instead of strings, which
/// keeps the stored state small. Stable across processes (unlike string.GetHashCode).
/// </summary>
internal static class EventIds
{
    public static ulong Hash(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }
}
