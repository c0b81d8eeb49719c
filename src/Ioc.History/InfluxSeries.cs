using System.Globalization;

namespace Ioc.History;

/// <summary>
/// One series of an InfluxQL result. Values are <see cref="long"/> (integers and, with epoch=ms,
/// the time column), <see cref="double"/>, <see cref="string"/>, <see cref="bool"/> or null.
/// </summary>
public sealed record InfluxSeries(
    string Name,
    IReadOnlyDictionary<string, string> Tags,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyList<object?>> Values)
{
    /// <summary>Index of a column, or -1.</summary>
    public int ColumnIndex(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The values of one column, in row order.</summary>
    public IEnumerable<object?> Column(string column)
    {
        var index = ColumnIndex(column);
        if (index < 0)
        {
            throw new KeyNotFoundException($"Series '{Name}' has no column '{column}' (columns: {string.Join(", ", Columns)}).");
        }

        return Values.Select(row => row[index]);
    }

    /// <summary>A numeric cell as double (JSON does not tell 2.0 from 2, so both integer and float cells convert).</summary>
    public static double? AsDouble(object? value) => value switch
    {
        null => null,
        double d => d,
        long l => l,
        string s => double.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} '{value}' as a number."),
    };

    /// <summary>A time cell (epoch milliseconds, as the client asks for with epoch=ms) as UTC time.</summary>
    public static DateTimeOffset AsTime(object? value) => value switch
    {
        long ms => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        double ms => DateTimeOffset.FromUnixTimeMilliseconds((long)ms),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"Cannot read '{value}' as a time."),
    };
}
