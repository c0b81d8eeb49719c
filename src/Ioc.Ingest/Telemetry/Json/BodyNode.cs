namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// One JSON value of a request body, read once from its bytes by <see cref="BodyReader"/>: every
/// string already decoded (or marked with why it is not text), every object's repeated keys
/// noted. Reading a field of it never throws. A body's nodes come from its <see cref="BodyScratch"/>
/// and serve again for the next body read with it, so they live only as long as the read.
/// </summary>
public sealed class BodyNode
{
    private static readonly string[] NoKeys = [];

    // String: the text and why it is not text; object: the members' array and its repeated keys; array: the items' array.
    private object? _first;
    private object? _second;
    private double _number = double.NaN;
    // Number: its 32-bit value; object or array: where its members or items start in _first.
    private int _int32;
    // Object or array: how many members or items; number: 1 when _int32 holds its value.
    private int _count;

    internal BodyNode() { }

    private BodyNode(BodyKind kind, object? first = null, object? second = null) => Set(kind, first, second);

    public BodyKind Kind { get; private set; }

    /// <summary>A string's text; null when it is not valid text (see <see cref="TextError"/>).</summary>
    public string? Text => Kind == BodyKind.String ? (string?)_first : null;

    public string? TextError => Kind == BodyKind.String ? (string?)_second : null;

    /// <summary>A number's value when it is a finite double.</summary>
    public double? Number => Kind == BodyKind.Number && !double.IsNaN(_number) ? _number : null;

    /// <summary>A number's value when it is a whole number that fits in 32 bits.</summary>
    public int? Int32 => Kind == BodyKind.Number && _count == 1 ? _int32 : null;

    public ReadOnlySpan<BodyProperty> Properties =>
        Kind == BodyKind.Object ? new ReadOnlySpan<BodyProperty>((BodyProperty[])_first!, _int32, _count) : default;

    public ReadOnlySpan<BodyNode> Items => Kind == BodyKind.Array ? new ReadOnlySpan<BodyNode>((BodyNode[])_first!, _int32, _count) : default;

    /// <summary>Keys that appear more than once in this object (a JSON object with a key twice is invalid).</summary>
    public IReadOnlyList<string> RepeatedKeys => Kind == BodyKind.Object && _second is string[] keys ? keys : NoKeys;

    /// <summary>The first member with that name, or null.</summary>
    public BodyNode? this[string name]
    {
        get
        {
            foreach (var p in Properties)
                if (p.NameError is null && string.Equals(p.Name, name, StringComparison.Ordinal)) return p.Value;
            return null;
        }
    }

    public static readonly BodyNode Null = new(BodyKind.Null);
    public static readonly BodyNode True = new(BodyKind.True);
    public static readonly BodyNode False = new(BodyKind.False);

    public static BodyNode String(string? text, string? error) => new(BodyKind.String, text, error);

    internal BodyNode AsString(string? text, string? error) => Set(BodyKind.String, text, error);

    internal BodyNode AsNumber(double? number, int? int32)
    {
        Set(BodyKind.Number, null, null);
        _number = number ?? double.NaN;
        (_int32, _count) = int32 is { } i ? (i, 1) : (0, 0);
        return this;
    }

    internal BodyNode AsObject(BodyProperty[] members, int start, int count, string[]? repeated) =>
        Set(BodyKind.Object, members, repeated, start, count);

    internal BodyNode AsArray(BodyNode[] items, int start, int count) => Set(BodyKind.Array, items, null, start, count);

    private BodyNode Set(BodyKind kind, object? first, object? second, int start = 0, int count = 0)
    {
        Kind = kind;
        (_first, _second, _number, _int32, _count) = (first, second, double.NaN, start, count);
        return this;
    }
}
