namespace Ioc.History;

/// <summary>A typed field value; invalid values (NaN, ±Infinity, line breaks) are rejected on creation.</summary>
public readonly record struct FieldValue
{
    private readonly double _float;
    private readonly long _integer;
    private readonly string? _string;

    private FieldValue(FieldKind kind, double f, long i, string? s)
    {
        Kind = kind;
        _float = f;
        _integer = i;
        _string = s;
    }

    public FieldKind Kind { get; }

    /// <summary>The value boxed as double, long, string or bool.</summary>
    public object Value => Kind switch
    {
        FieldKind.Float => _float,
        FieldKind.Integer => _integer,
        FieldKind.Boolean => _integer != 0,
        _ => _string!,
    };

    internal double AsFloat => _float;

    internal long AsInteger => _integer;

    internal string AsString => _string!;

    internal bool AsBoolean => _integer != 0;

    public static FieldValue Float(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                "InfluxDB cannot store NaN or infinite floats; skip the field or write a sentinel instead.");
        }

        return new FieldValue(FieldKind.Float, value, 0, null);
    }

    public static FieldValue Integer(long value) => new(FieldKind.Integer, 0, value, null);

    public static FieldValue Boolean(bool value) => new(FieldKind.Boolean, 0, value ? 1 : 0, null);

    public static FieldValue String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        LineProtocol.ValidateStringField(value);
        return new FieldValue(FieldKind.String, 0, 0, value);
    }

    public override string ToString() => LineProtocol.FormatFieldValue(this);
}
