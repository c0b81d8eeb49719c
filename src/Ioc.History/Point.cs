using System.Globalization;
using System.Text;

namespace Ioc.History;

/// <summary>
/// One InfluxDB point, built fluently:
/// <code>new Point("ward").Tag("ward", "00004").Field("waiting", 12).Field("avgWait", 3.5).At(now)</code>
/// Names and values are validated as they are added, so a bad point fails where it is built.
/// </summary>
public sealed class Point
{
    [ThreadStatic]
    private static StringBuilder? s_builder;

    private readonly List<KeyValuePair<string, string>> _tags = [];
    private readonly List<KeyValuePair<string, FieldValue>> _fields = [];

    public Point(string measurement)
    {
        LineProtocol.ValidateMeasurement(measurement);
        Measurement = measurement;
    }

    public string Measurement { get; }

    /// <summary>Tags sorted by key (ordinal), the order InfluxDB prefers in line protocol.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags => _tags;

    public IReadOnlyList<KeyValuePair<string, FieldValue>> Fields => _fields;

    /// <summary>Time of the point; when null the writer stamps it with the time it was queued.</summary>
    public DateTimeOffset? Timestamp { get; private set; }

    /// <summary>Adds or replaces a tag. An empty value means "no tag" and removes it.</summary>
    public Point Tag(string key, string value)
    {
        LineProtocol.ValidateTagKey(key);
        ArgumentNullException.ThrowIfNull(value);
        var index = _tags.FindIndex(t => t.Key == key);
        if (value.Length == 0)
        {
            if (index >= 0)
            {
                _tags.RemoveAt(index);
            }

            return this;
        }

        LineProtocol.ValidateTagValue(value);
        var tag = KeyValuePair.Create(key, value);
        if (index >= 0)
        {
            _tags[index] = tag;
            return this;
        }

        // Kept sorted on insert so the server does not have to sort the series key.
        var insertAt = _tags.FindIndex(t => string.CompareOrdinal(t.Key, key) > 0);
        _tags.Insert(insertAt < 0 ? _tags.Count : insertAt, tag);
        return this;
    }

    public Point Field(string key, double value) => Field(key, FieldValue.Float(value));

    public Point Field(string key, long value) => Field(key, FieldValue.Integer(value));

    public Point Field(string key, int value) => Field(key, FieldValue.Integer(value));

    public Point Field(string key, bool value) => Field(key, FieldValue.Boolean(value));

    public Point Field(string key, string value) => Field(key, FieldValue.String(value));

    /// <summary>Adds or replaces a field.</summary>
    public Point Field(string key, FieldValue value)
    {
        LineProtocol.ValidateFieldKey(key);
        var index = _fields.FindIndex(f => f.Key == key);
        var field = KeyValuePair.Create(key, value);
        if (index >= 0)
        {
            _fields[index] = field;
        }
        else
        {
            _fields.Add(field);
        }

        return this;
    }

    public Point At(DateTimeOffset timestamp)
    {
        Timestamp = timestamp;
        return this;
    }

    /// <summary>The point as one line of line protocol, without the trailing newline.</summary>
    /// <param name="defaultTimestamp">Used when <see cref="Timestamp"/> is not set; with neither the server stamps it.</param>
    public string ToLineProtocol(DateTimeOffset? defaultTimestamp = null)
    {
        if (_fields.Count == 0)
        {
            throw new InvalidOperationException($"Point '{Measurement}' has no fields; InfluxDB needs at least one.");
        }

        var sb = s_builder ??= new StringBuilder(256);
        sb.Clear();
        LineProtocol.AppendMeasurement(sb, Measurement);
        foreach (var (key, value) in _tags)
        {
            sb.Append(',');
            LineProtocol.AppendKey(sb, key);
            sb.Append('=');
            LineProtocol.AppendKey(sb, value);
        }

        var separator = ' ';
        foreach (var (key, value) in _fields)
        {
            sb.Append(separator);
            separator = ',';
            LineProtocol.AppendKey(sb, key);
            sb.Append('=');
            LineProtocol.AppendFieldValue(sb, value);
        }

        if ((Timestamp ?? defaultTimestamp) is { } time)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {time.ToUnixTimeMilliseconds()}");
        }

        var line = sb.ToString();
        if (sb.Capacity > 64 * 1024)
        {
            // Do not keep a huge builder alive on this thread after one giant point.
            s_builder = null;
        }

        return line;
    }

    public override string ToString() => ToLineProtocol();
}
