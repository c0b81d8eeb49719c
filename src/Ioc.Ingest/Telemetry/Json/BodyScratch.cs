namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// What <see cref="BodyReader"/> reuses while it reads a body, and from one body to the next: the
/// nodes, the members and items of the objects and arrays still open, the closed ones' members and
/// items side by side in one array each, and per known field the last string value read, so a value
/// every event repeats is one node. A body's tree is valid until the scratch reads the next body.
/// </summary>
public sealed class BodyScratch
{
    private const int Fields = 8;
    private const int LongestShared = 64;
    // A scratch that grew past this (a batch of thousands of events) is not kept for the next body.
    private const int KeptNodes = 1 << 16;

    [ThreadStatic] private static BodyScratch? t_spare;

    internal readonly List<BodyProperty> Properties = new(16);
    internal readonly List<BodyNode> Items = new(16);

    private readonly List<BodyNode> _nodes = [];
    private int _nodesUsed;
    private BodyProperty[] _members = new BodyProperty[256];
    private int _membersUsed;
    private BodyNode[] _items = new BodyNode[64];
    private int _itemsUsed;

    private readonly (string Field, int At, int Length, BodyNode Node)[] _last = new (string, int, int, BodyNode)[Fields];
    private int _fields;

    /// <summary>This thread's spare scratch, or a new one; give it back with <see cref="Return"/> once the tree is read.</summary>
    public static BodyScratch Rent()
    {
        var s = t_spare ?? new BodyScratch();
        t_spare = null;
        return s;
    }

    public static void Return(BodyScratch scratch)
    {
        if (scratch._nodes.Count <= KeptNodes) t_spare = scratch;
    }

    /// <summary>Forgets the last body: its nodes serve again.</summary>
    internal void Reset()
    {
        _nodesUsed = _membersUsed = _itemsUsed = _fields = 0;
        Properties.Clear();
        Items.Clear();
    }

    internal BodyNode Node()
    {
        if (_nodesUsed == _nodes.Count) _nodes.Add(new BodyNode());
        return _nodes[_nodesUsed++];
    }

    /// <summary>A closed object: what it added to the open members from <paramref name="start"/> on.</summary>
    internal BodyNode CloseObject(int start, string[]? repeated)
    {
        var (array, at, n) = Close(Properties, start, ref _members, ref _membersUsed);
        return Node().AsObject(array, at, n, repeated);
    }

    internal BodyNode CloseArray(int start)
    {
        var (array, at, n) = Close(Items, start, ref _items, ref _itemsUsed);
        return Node().AsArray(array, at, n);
    }

    /// <summary>
    /// Moves the open entries from <paramref name="start"/> on to the closed ones. When they do not
    /// fit, a larger array takes them: the nodes closed before keep the one they point into.
    /// </summary>
    private static (T[] Array, int At, int Count) Close<T>(List<T> open, int start, ref T[] closed, ref int used)
    {
        var n = open.Count - start;
        if (used + n > closed.Length)
        {
            closed = new T[Math.Max(closed.Length * 2, n)];
            used = 0;
        }
        open.CopyTo(start, closed, used, n);
        open.RemoveRange(start, n);
        var at = used;
        used += n;
        return (closed, at, n);
    }

    /// <summary>The node of the last value of <paramref name="field"/> when it had these same bytes.</summary>
    internal BodyNode? Repeat(string field, ReadOnlySpan<byte> body, int at, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < _fields; i++)
        {
            ref var last = ref _last[i];
            if (!ReferenceEquals(last.Field, field)) continue;
            return last.Length == value.Length && body.Slice(last.At, last.Length).SequenceEqual(value) ? last.Node : null;
        }
        return null;
    }

    internal void Remember(string field, int at, int length, BodyNode node)
    {
        if (length > LongestShared) return;
        for (var i = 0; i < _fields; i++)
        {
            if (!ReferenceEquals(_last[i].Field, field)) continue;
            _last[i] = (field, at, length, node);
            return;
        }
        if (_fields < Fields) _last[_fields++] = (field, at, length, node);
    }
}
