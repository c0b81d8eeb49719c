namespace Ioc.Silo.Wards;

/// <summary>One dossier: its events kept in time order, whatever order they arrived in.</summary>
[GenerateSerializer]
public sealed class DossierFile
{
    [Id(0)] public required string Dossier { get; init; }
    [Id(1)] public List<DossierEvent> Events { get; init; } = [];

    public DossierTimeline Now(DateTimeOffset now) => DossierTimeline.Of(Events, now);

    /// <summary>The last instant anything happened to it (for forgetting old files).</summary>
    public DateTimeOffset LastTs => Events.Count > 0 ? Events[^1].Ts : DateTimeOffset.MinValue;

    /// <summary>False when an event with this id is already kept.</summary>
    public bool Add(DossierEvent e)
    {
        foreach (var x in Events) if (x.Id == e.Id) return false;
        var i = Events.BinarySearch(e);
        Events.Insert(i < 0 ? ~i : i, e);
        return true;
    }
}
