namespace Ioc.Silo.Wards;

/// <summary>
/// 64-bit FNV-1a of an id: the ward remembers event and dossier ids as 8-byte hashes instead of
/// strings, which keeps its stored state small. Stable across processes (unlike string.GetHashCode).
/// </summary>
public static class Ids
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
