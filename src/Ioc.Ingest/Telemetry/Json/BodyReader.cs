using System.Text.Json;

namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// Reads a request body into <see cref="BodyNode"/>s with <see cref="Utf8JsonReader"/>. Only a body
/// that is not JSON at all (bad syntax, nested too deep, trailing bytes) is refused as a whole;
/// a string that is not valid text or a repeated key is kept, marked, for the event that holds it
/// to be refused by index and field.
/// </summary>
public static class BodyReader
{
    /// <summary>A batch is three levels deep ({events:[{pose:{}}]}); anything much deeper is not telemetry.</summary>
    public const int MaxDepth = 16;

    private static readonly JsonReaderOptions Options = new()
    {
        MaxDepth = MaxDepth,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>The root value, or null with why the body is not JSON.</summary>
    public static BodyNode? Read(ReadOnlySpan<byte> body, out string? error)
    {
        error = null;
        // RFC 8259 lets a reader ignore a byte order mark.
        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        var reader = new Utf8JsonReader(body, Options);
        try
        {
            if (!reader.Read())
            {
                error = "is empty";
                return null;
            }
            var root = ReadValue(ref reader);
            if (reader.Read())
            {
                error = $"has more after the JSON value (byte {reader.TokenStartIndex})";
                return null;
            }
            return root;
        }
        catch (JsonException e)
        {
            // The reader's message names the line and byte, never the content.
            error = $"is not valid JSON: {e.Message}";
            return null;
        }
    }

    private static BodyNode ReadValue(ref Utf8JsonReader r)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject: return ReadObject(ref r);
            case JsonTokenType.StartArray:
                var items = new List<BodyNode>();
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref r));
                return BodyNode.Array(items);
            case JsonTokenType.String:
                if (!r.ValueIsEscaped && KnownText.Node(r.ValueSpan) is { } known) return known;
                var text = JsonText.Decode(r.ValueSpan, r.ValueIsEscaped, out var error);
                return BodyNode.String(text, error);
            case JsonTokenType.Number:
                double? number = r.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
                int? whole = r.TryGetInt32(out var i) ? i : null;
                return BodyNode.Numeric(number, whole);
            case JsonTokenType.True: return BodyNode.True;
            case JsonTokenType.False: return BodyNode.False;
            default: return BodyNode.Null;
        }
    }

    private static BodyNode ReadObject(ref Utf8JsonReader r)
    {
        var properties = new List<BodyProperty>(10);
        HashSet<string>? names = null;
        HashSet<string>? repeated = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string? nameError = null;
            var name = (r.ValueIsEscaped ? null : KnownText.Find(r.ValueSpan))
                ?? JsonText.Decode(r.ValueSpan, r.ValueIsEscaped, out nameError) ?? JsonText.Lenient(r.ValueSpan);
            r.Read();
            var value = ReadValue(ref r);
            // An event has about ten members: comparing with each is cheaper than a set, until objects get large.
            bool seen;
            if (names is not null) seen = !names.Add(name);
            else
            {
                seen = false;
                foreach (var p in properties) seen |= string.Equals(p.Name, name, StringComparison.Ordinal);
                if (properties.Count >= 16) names = new HashSet<string>(properties.Select(p => p.Name).Append(name), StringComparer.Ordinal);
            }
            if (seen) (repeated ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            properties.Add(new BodyProperty(name, nameError, value));
        }
        return BodyNode.Object(properties, repeated?.ToList());
    }
}
