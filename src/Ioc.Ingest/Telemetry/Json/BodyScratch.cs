namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// What <see cref="BodyReader"/> reuses while it reads one body: the members and items of the
/// objects and arrays still open (each closed one takes an array of exactly its size), and per
/// known field the last string value read, so a value every event repeats is one node.
/// </summary>
internal sealed class BodyScratch
{
    private const int Fields = 8;
    private const int LongestShared = 64;

    public readonly List<BodyProperty> Properties = new(16);
    public readonly List<BodyNode> Items = new(16);

    private readonly (string Field, int At, int Length, BodyNode Node)[] _last = new (string, int, int, BodyNode)[Fields];
    private int _fields;

    public BodyProperty[] TakeProperties(int start) => Take(Properties, start);

    public BodyNode[] TakeItems(int start) => Take(Items, start);

    /// <summary>What a closed object or array added from <paramref name="start"/> on, as an array of exactly its size.</summary>
    private static T[] Take<T>(List<T> open, int start)
    {
        var n = open.Count - start;
        var taken = n == 0 ? [] : new T[n];
        open.CopyTo(start, taken, 0, n);
        open.RemoveRange(start, n);
        return taken;
    }

    /// <summary>The node of the last value of <paramref name="field"/> when it had these same bytes.</summary>
    public BodyNode? Repeat(string field, ReadOnlySpan<byte> body, int at, ReadOnlySpan<byte> value)
    {
        for (var i = 0; i < _fields; i++)
        {
            ref var last = ref _last[i];
            if (!ReferenceEquals(last.Field, field)) continue;
            return last.Length == value.Length && body.Slice(last.At, last.Length).SequenceEqual(value) ? last.Node : null;
        }
        return null;
    }

    public void Remember(string field, int at, int length, BodyNode node)
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
