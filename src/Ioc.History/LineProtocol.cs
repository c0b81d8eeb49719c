using System.Globalization;
using System.Text;

namespace Ioc.History;

/// <summary>
/// InfluxDB 1.x line-protocol escaping and formatting
/// (<c>measurement,tag=value field=1i,text="a \"b\"" 1700000000000</c>, millisecond precision).
/// </summary>
/// <remarks>
/// The rules were checked against influxd 1.6: in names a backslash is literal, except right before a
/// character that has to be escaped (where the server reads it as an escape) and at the very end (where it
/// escapes the separator that follows). Those two cases cannot round-trip, so they are rejected instead of
/// silently changing the name. Line breaks are rejected everywhere because a point is exactly one line
/// (the spill files rely on that too).
/// </remarks>
public static class LineProtocol
{
    // Field and tag keys InfluxDB 1.x refuses ("invalid field name: input field "time"").
    private const string ReservedKey = "time";

    public static string EscapeMeasurement(string measurement)
    {
        ValidateMeasurement(measurement);
        var sb = new StringBuilder(measurement.Length + 4);
        AppendMeasurement(sb, measurement);
        return sb.ToString();
    }

    public static string EscapeTagKey(string key)
    {
        ValidateTagKey(key);
        var sb = new StringBuilder(key.Length + 4);
        AppendKey(sb, key);
        return sb.ToString();
    }

    public static string EscapeTagValue(string value)
    {
        ValidateTagValue(value);
        var sb = new StringBuilder(value.Length + 4);
        AppendKey(sb, value);
        return sb.ToString();
    }

    public static string EscapeFieldKey(string key)
    {
        ValidateFieldKey(key);
        var sb = new StringBuilder(key.Length + 4);
        AppendKey(sb, key);
        return sb.ToString();
    }

    /// <summary>A string field value with its quotes: <c>"say \"hi\" C:\\"</c>.</summary>
    public static string FormatStringField(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        ValidateStringField(value);
        var sb = new StringBuilder(value.Length + 4);
        AppendStringField(sb, value);
        return sb.ToString();
    }

    /// <summary>Invariant culture, shortest round-trip form (<c>1.5</c>, <c>1E+20</c>); NaN/∞ are rejected.</summary>
    public static string FormatFloat(double value) => FieldValue.Float(value).ToString();

    public static string FormatInteger(long value) => value.ToString(CultureInfo.InvariantCulture) + "i";

    public static string FormatBoolean(bool value) => value ? "true" : "false";

    /// <summary>Unix epoch milliseconds, matching <c>precision=ms</c> of the writes.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    public static string FormatFieldValue(FieldValue value)
    {
        var sb = new StringBuilder();
        AppendFieldValue(sb, value);
        return sb.ToString();
    }

    public static void ValidateMeasurement(string measurement)
    {
        ValidateName(measurement, "measurement", nameof(measurement));
        if (measurement[0] == '#')
        {
            throw new ArgumentException(
                $"Measurement '{measurement}' starts with '#', which line protocol reads as a comment line.",
                nameof(measurement));
        }

        ValidateBackslashes(measurement, "measurement", nameof(measurement), static c => c is ',' or ' ');
    }

    public static void ValidateTagKey(string key)
    {
        ValidateName(key, "tag key", nameof(key));
        RejectReserved(key, "tag key", nameof(key));
        ValidateBackslashes(key, "tag key", nameof(key), static _ => false);
    }

    public static void ValidateTagValue(string value)
    {
        ValidateName(value, "tag value", nameof(value));
        ValidateBackslashes(value, "tag value", nameof(value), static _ => false);
    }

    public static void ValidateFieldKey(string key)
    {
        ValidateName(key, "field key", nameof(key));
        RejectReserved(key, "field key", nameof(key));
        ValidateBackslashes(key, "field key", nameof(key), static c => c is ',' or ' ' or '=');
    }

    public static void ValidateStringField(string value)
    {
        if (value.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException(
                "String field values must not contain line breaks (\\n, \\r): a point must stay on one line.",
                nameof(value));
        }
    }

    internal static void AppendMeasurement(StringBuilder sb, string measurement)
    {
        foreach (var c in measurement)
        {
            if (c is ',' or ' ')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    // Tag keys, tag values and field keys share one escaping rule.
    internal static void AppendKey(StringBuilder sb, string key)
    {
        foreach (var c in key)
        {
            if (c is ',' or '=' or ' ')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }
    }

    internal static void AppendStringField(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append('"');
    }

    internal static void AppendFieldValue(StringBuilder sb, FieldValue value)
    {
        switch (value.Kind)
        {
            case FieldKind.Float:
                sb.Append(CultureInfo.InvariantCulture, $"{value.AsFloat}");
                break;
            case FieldKind.Integer:
                sb.Append(CultureInfo.InvariantCulture, $"{value.AsInteger}i");
                break;
            case FieldKind.Boolean:
                sb.Append(value.AsBoolean ? "true" : "false");
                break;
            default:
                AppendStringField(sb, value.AsString);
                break;
        }
    }

    private static void ValidateName(string name, string what, string paramName)
    {
        ArgumentNullException.ThrowIfNull(name, paramName);
        if (name.Length == 0)
        {
            throw new ArgumentException($"The {what} must not be empty.", paramName);
        }

        if (name.AsSpan().IndexOfAny('\n', '\r') >= 0)
        {
            throw new ArgumentException($"The {what} '{name.ReplaceLineEndings(" ")}' must not contain line breaks.", paramName);
        }
    }

    private static void RejectReserved(string key, string what, string paramName)
    {
        if (key == ReservedKey)
        {
            throw new ArgumentException($"'{ReservedKey}' is reserved by InfluxDB and cannot be a {what}.", paramName);
        }
    }

    private static void ValidateBackslashes(string name, string what, string paramName, Func<char, bool> escapedByServer)
    {
        var i = name.IndexOf('\\');
        while (i >= 0)
        {
            var last = i == name.Length - 1;
            if (last || escapedByServer(name[i + 1]))
            {
                throw new ArgumentException(
                    $"The {what} '{name}' has a backslash {(last ? "at the end" : $"before '{name[i + 1]}'")}; " +
                    "InfluxDB line protocol would read it as an escape, so it cannot be stored as given.",
                    paramName);
            }

            i = name.IndexOf('\\', i + 1);
        }
    }
}
