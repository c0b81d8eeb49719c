namespace Ioc.Silo.Wards;

/// <summary>
/// Business event ids the ward acknowledged today and yesterday (as hashes): a device's retry a day
/// later is common, one days later is not (and events older than 48 h are refused at the door).
/// Dossier events are also recognised by id within their dossier, however old.
/// </summary>
[GenerateSerializer]
public sealed class SeenEvents
{
    [Id(0)] public HashSet<ulong> Today { get; set; } = [];
    [Id(1)] public HashSet<ulong> Yesterday { get; set; } = [];

    public bool Contains(string id)
    {
        var h = Ids.Hash(id);
        return Today.Contains(h) || Yesterday.Contains(h);
    }

    public void Add(string id) => Today.Add(Ids.Hash(id));

    public void Roll(int daysPassed)
    {
        Yesterday = daysPassed == 1 ? Today : [];
        Today = [];
    }
}
