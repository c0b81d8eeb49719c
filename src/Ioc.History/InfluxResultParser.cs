using System.Text.Json;

namespace Ioc.History;

/// <summary>Parses the v1 <c>/query</c> JSON: <c>{"results":[{"statement_id":0,"series":[…],"error":…}]}</c>.</summary>
internal static class InfluxResultParser
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();

    public static IReadOnlyList<InfluxSeries> Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var topError))
        {
            throw new InfluxException($"Query failed: {topError.GetString()}");
        }

        var series = new List<InfluxSeries>();
        if (!root.TryGetProperty("results", out var results))
        {
            return series;
        }

        foreach (var result in results.EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                var id = result.TryGetProperty("statement_id", out var sid) ? sid.GetInt32() : 0;
                throw new InfluxException($"Statement {id} failed: {error.GetString()}");
            }

            if (!result.TryGetProperty("series", out var seriesArray))
            {
                continue;
            }

            foreach (var s in seriesArray.EnumerateArray())
            {
                series.Add(ParseSeries(s));
            }
        }

        return series;
    }

    private static InfluxSeries ParseSeries(JsonElement s)
    {
        var name = s.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
        var tags = NoTags;
        if (s.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            var dict = new Dictionary<string, string>();
            foreach (var tag in t.EnumerateObject())
            {
                dict[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
            }

            tags = dict;
        }

        var columns = new List<string>();
        if (s.TryGetProperty("columns", out var c))
        {
            foreach (var column in c.EnumerateArray())
            {
                columns.Add(column.GetString() ?? "");
            }
        }

        var rows = new List<IReadOnlyList<object?>>();
        if (s.TryGetProperty("values", out var v))
        {
            foreach (var row in v.EnumerateArray())
            {
                var cells = new object?[row.GetArrayLength()];
                var i = 0;
                foreach (var cell in row.EnumerateArray())
                {
                    cells[i++] = ToValue(cell);
                }

                rows.Add(cells);
            }
        }

        return new InfluxSeries(name, tags, columns, rows);
    }

    private static object? ToValue(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        // Integers (and epoch-ms times) stay exact as long; anything with a fraction or exponent is a double.
        JsonValueKind.Number => cell.TryGetInt64(out var l) ? (object)l : cell.GetDouble(),
        _ => cell.GetRawText(),
    };
}
