using Ioc.Time;

namespace Ioc.Silo.Wards;

/// <summary>
/// The ward's dossiers (open ones, recently resolved ones, and ones whose receipt has not arrived
/// yet), each classified as of "now". Dossiers change class only when an event arrives or when
/// time crosses a boundary (the due-soon window's start, the due time), so the ward keeps the next
/// boundaries in order and moves only the dossiers whose boundary has passed.
/// </summary>
[GenerateSerializer]
public sealed class DossierBook
{
    /// <summary>How long a resolved dossier is kept, so a late event for it still amends its days.</summary>
    public const int ResolvedKeptDays = 40;
    /// <summary>How long a dossier whose receipt never arrived is kept.</summary>
    public const int PendingKeptDays = 62;
    /// <summary>How long the ids of forgotten dossiers are remembered, so a resent receipt is not a new dossier.</summary>
    public const int ForgottenKeptDays = 400;

    [Id(0)] public Dictionary<string, DossierFile> Files { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<ulong, DateOnly> Forgotten { get; init; } = [];

    // Derived, rebuilt after loading.
    [NonSerialized] private Dictionary<string, DossierClass>? _class;
    [NonSerialized] private readonly SortedSet<(long Ticks, string Id)> _boundaries = [];
    [NonSerialized] private readonly Dictionary<string, long> _boundaryOf = new(StringComparer.Ordinal);
    [NonSerialized] private readonly int[] _counts = new int[6];
    [NonSerialized] private TimeSpan _window;

    public int Count(DossierClass c) => _counts[(int)c];

    public int Open => Count(DossierClass.Paused) + Count(DossierClass.Running) + Count(DossierClass.DueSoon) + Count(DossierClass.Overdue);

    public DossierClass ClassOf(string id) => _class!.TryGetValue(id, out var c) ? c : DossierClass.Pending;

    public IEnumerable<DossierFile> In(DossierClass c) => _class!.Where(x => x.Value == c).Select(x => Files[x.Key]);

    /// <summary>The next instant a dossier changes class by time alone.</summary>
    public DateTimeOffset? NextBoundary => _boundaries.Count > 0 ? new DateTimeOffset(_boundaries.Min.Ticks, TimeSpan.Zero) : null;

    public bool IsForgotten(string id) => Forgotten.ContainsKey(Ids.Hash(id));

    public DossierFile GetOrAdd(string id) =>
        Files.TryGetValue(id, out var f) ? f : Files[id] = new DossierFile { Dossier = id };

    /// <summary>Classifies every dossier as of now (after loading, or when the window changes).</summary>
    public void Classify(DateTimeOffset now, TimeSpan dueSoonWindow)
    {
        _window = dueSoonWindow;
        _class = new(StringComparer.Ordinal);
        _boundaries.Clear();
        _boundaryOf.Clear();
        Array.Clear(_counts);
        foreach (var id in Files.Keys) Reclassify(id, now);
    }

    /// <summary>Puts one dossier in its class as of now; returns its class before and after.</summary>
    public (DossierClass Before, DossierClass After) Reclassify(string id, DateTimeOffset now)
    {
        var before = _class!.TryGetValue(id, out var b) ? b : DossierClass.Pending;
        if (_class.ContainsKey(id)) _counts[(int)before]--;
        if (_boundaryOf.Remove(id, out var old)) _boundaries.Remove((old, id));
        var t = Files[id].Now(now);
        var (after, boundary) = ClassAt(t, now);
        _class[id] = after;
        _counts[(int)after]++;
        if (boundary is { } at)
        {
            _boundaryOf[id] = at.UtcTicks;
            _boundaries.Add((at.UtcTicks, id));
        }
        return (before, after);
    }

    /// <summary>Moves the dossiers whose boundary has passed; returns the ones that changed class.</summary>
    public List<string> Advance(DateTimeOffset now)
    {
        var moved = new List<string>();
        while (_boundaries.Count > 0 && _boundaries.Min.Ticks <= now.UtcTicks)
        {
            var id = _boundaries.Min.Id;
            var (before, after) = Reclassify(id, now);
            if (before != after) moved.Add(id);
        }
        return moved;
    }

    private (DossierClass, DateTimeOffset?) ClassAt(DossierTimeline t, DateTimeOffset now)
    {
        if (t.Received is null) return (DossierClass.Pending, null);
        if (t.ResolvedAt is not null) return (DossierClass.Resolved, null);
        if (t.IsOverdue(now) || t.PausedWhileOverdue) return (DossierClass.Overdue, null);
        if (t.PausedSince is not null) return (DossierClass.Paused, null);
        // Overdue strictly after the due time: resolving at the due time is on time.
        if (t.Due - now <= _window) return (DossierClass.DueSoon, t.Due.AddMilliseconds(1));
        return (DossierClass.Running, t.Due - _window);
    }

    /// <summary>Open dossiers past their due time at an instant, from their events up to it.</summary>
    public int OverdueAt(DateTimeOffset instant) =>
        Files.Values.Count(f => DossierTimeline.Of(f.Events, instant) is var t && (t.IsOverdue(instant) || t.PausedWhileOverdue));

    /// <summary>Forgets resolved dossiers long past (their ids remembered), and receipts that never came.</summary>
    public void Prune(DateOnly today)
    {
        var forget = new List<string>();
        foreach (var (id, f) in Files)
        {
            var c = ClassOf(id);
            if (c == DossierClass.Resolved && f.Now(DateTimeOffset.MaxValue).ResolvedAt is { } at && HanoiTime.DayOf(at) < today.AddDays(-ResolvedKeptDays))
            {
                Forgotten[Ids.Hash(id)] = today;
                forget.Add(id);
            }
            else if (c == DossierClass.Pending && HanoiTime.DayOf(f.LastTs) < today.AddDays(-PendingKeptDays))
                forget.Add(id);
        }
        foreach (var id in forget)
        {
            Files.Remove(id);
            _counts[(int)_class![id]]--;
            _class.Remove(id);
            if (_boundaryOf.Remove(id, out var b)) _boundaries.Remove((b, id));
        }
        foreach (var old in Forgotten.Where(x => x.Value < today.AddDays(-ForgottenKeptDays)).Select(x => x.Key).ToList())
            Forgotten.Remove(old);
    }
}
