using Ioc.Grains;

namespace Ioc.Silo.Wards;

/// <summary>
/// The dossiers this ward's service point took in for other wards, by (responsible ward, dossier):
/// each counted once, for the day of its receipt, from the newest word on it. Order-proof and
/// repeat-proof: a notice no newer than what is kept changes nothing.
/// </summary>
[GenerateSerializer]
public sealed class TakenInBook
{
    [Id(0)] public Dictionary<ulong, TakenInEntry> Entries { get; init; } = [];

    // Derived from the entries, rebuilt after loading.
    [NonSerialized] private Dictionary<DateOnly, int>? _byDay;

    /// <summary>How many dossiers this ward took in for others on a day.</summary>
    public int On(DateOnly day)
    {
        _byDay ??= Entries.Values.Where(e => e.Taken).GroupBy(e => e.Day).ToDictionary(g => g.Key, g => g.Count());
        return _byDay.GetValueOrDefault(day);
    }

    /// <summary>Applies a notice; returns the count changes it makes per day (empty when it is old news).</summary>
    public List<(DateOnly Day, int Delta)> Apply(DossierTakenIn notice)
    {
        var key = Ids.Hash($"{notice.Responsible}/{notice.Dossier}");
        var changes = new List<(DateOnly, int)>(2);
        if (Entries.TryGetValue(key, out var old))
        {
            if (old.Version >= notice.Version) return changes;
            if (old.Taken) changes.Add((old.Day, -1));
        }
        Entries[key] = new TakenInEntry(notice.Version, notice.Day, notice.Taken);
        if (notice.Taken) changes.Add((notice.Day, +1));
        _byDay = null;
        return changes;
    }

    /// <summary>Forgets words about receipts older than the days kept.</summary>
    public void Prune(DateOnly oldestKept)
    {
        foreach (var key in Entries.Where(e => e.Value.Day < oldestKept).Select(e => e.Key).ToList()) Entries.Remove(key);
        _byDay = null;
    }
}
