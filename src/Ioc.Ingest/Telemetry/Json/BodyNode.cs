namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// One JSON value of a request body, read once from its bytes by <see cref="BodyReader"/>: every
/// string already decoded (or marked with why it is not text), every object's repeated keys
/// noted. Reading a field of it never throws.
/// </summary>
public sealed class BodyNode
{
    private static readonly IReadOnlyList<BodyProperty> NoProperties = [];
    private static readonly IReadOnlyList<BodyNode> NoItems = [];
    private static readonly IReadOnlyList<string> NoKeys = [];

    public BodyKind Kind { get; private init; }

    /// <summary>A string's text; null when it is not valid text (see <see cref="TextError"/>).</summary>
    public string? Text { get; private init; }

    public string? TextError { get; private init; }

    /// <summary>A number's value when it is a finite double.</summary>
    public double? Number { get; private init; }

    /// <summary>A number's value when it is a whole number that fits in 32 bits.</summary>
    public int? Int32 { get; private init; }

    public IReadOnlyList<BodyProperty> Properties { get; private init; } = NoProperties;

    public IReadOnlyList<BodyNode> Items { get; private init; } = NoItems;

    /// <summary>Keys that appear more than once in this object (a JSON object with a key twice is invalid).</summary>
    public IReadOnlyList<string> RepeatedKeys { get; private init; } = NoKeys;

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

    public static readonly BodyNode Null = new() { Kind = BodyKind.Null };
    public static readonly BodyNode True = new() { Kind = BodyKind.True };
    public static readonly BodyNode False = new() { Kind = BodyKind.False };

    public static BodyNode String(string? text, string? error) => new() { Kind = BodyKind.String, Text = text, TextError = error };

    public static BodyNode Numeric(double? number, int? int32) => new() { Kind = BodyKind.Number, Number = number, Int32 = int32 };

    public static BodyNode Object(IReadOnlyList<BodyProperty> properties, IReadOnlyList<string>? repeated) =>
        new() { Kind = BodyKind.Object, Properties = properties, RepeatedKeys = repeated ?? NoKeys };

    public static BodyNode Array(IReadOnlyList<BodyNode> items) => new() { Kind = BodyKind.Array, Items = items };
}
