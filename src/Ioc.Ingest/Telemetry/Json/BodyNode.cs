namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// One JSON value of a request body, read once from its bytes by <see cref="BodyReader"/>: every
/// string already decoded (or marked with why it is not text), every object's repeated keys
/// noted. Reading a field of it never throws. Kept small (two references and a number): a batch
/// of 5,000 events holds some 50,000 of them.
/// </summary>
public sealed class BodyNode
{
    private static readonly string[] NoKeys = [];

    // String: the text and why it is not text; object: its members and its repeated keys; array: its items.
    private readonly object? _first;
    private readonly object? _second;
    private readonly double _number = double.NaN;
    private readonly int _int32;
    private readonly bool _isInt32;

    private BodyNode(BodyKind kind, object? first = null, object? second = null)
    {
        Kind = kind;
        _first = first;
        _second = second;
    }

    private BodyNode(double? number, int? int32) : this(BodyKind.Number)
    {
        _number = number ?? double.NaN;
        (_int32, _isInt32) = int32 is { } i ? (i, true) : (0, false);
    }

    public BodyKind Kind { get; }

    /// <summary>A string's text; null when it is not valid text (see <see cref="TextError"/>).</summary>
    public string? Text => Kind == BodyKind.String ? (string?)_first : null;

    public string? TextError => Kind == BodyKind.String ? (string?)_second : null;

    /// <summary>A number's value when it is a finite double.</summary>
    public double? Number => Kind == BodyKind.Number && !double.IsNaN(_number) ? _number : null;

    /// <summary>A number's value when it is a whole number that fits in 32 bits.</summary>
    public int? Int32 => _isInt32 ? _int32 : null;

    public ReadOnlySpan<BodyProperty> Properties => Kind == BodyKind.Object ? (BodyProperty[])_first! : default;

    public ReadOnlySpan<BodyNode> Items => Kind == BodyKind.Array ? (BodyNode[])_first! : default;

    /// <summary>Keys that appear more than once in this object (a JSON object with a key twice is invalid).</summary>
    public IReadOnlyList<string> RepeatedKeys => Kind == BodyKind.Object && _second is string[] keys ? keys : NoKeys;

    /// <summary>The first member with that name, or null.</summary>
    public BodyNode? this[string name]
    {
        get
        {
            if (Kind != BodyKind.Object) return null;
            foreach (var p in (BodyProperty[])_first!)
                if (p.NameError is null && string.Equals(p.Name, name, StringComparison.Ordinal)) return p.Value;
            return null;
        }
    }

    public static readonly BodyNode Null = new(BodyKind.Null);
    public static readonly BodyNode True = new(BodyKind.True);
    public static readonly BodyNode False = new(BodyKind.False);

    public static BodyNode String(string? text, string? error) => new(BodyKind.String, text, error);

    public static BodyNode Numeric(double? number, int? int32) => new(number, int32);

    public static BodyNode Object(BodyProperty[] properties, string[]? repeated) => new(BodyKind.Object, properties, repeated);

    public static BodyNode Array(BodyNode[] items) => new(BodyKind.Array, items);
}
