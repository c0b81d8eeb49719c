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
    public static BodyNode? Read(ReadOnlySpan<byte> body, out string? error) => Read(body, new BodyScratch(), out error);

    /// <summary>The root value read with <paramref name="scratch"/>'s nodes: valid until it reads the next body.</summary>
    public static BodyNode? Read(ReadOnlySpan<byte> body, BodyScratch scratch, out string? error)
    {
        error = null;
        scratch.Reset();
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
            var root = ReadValue(ref reader, body, scratch, null);
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

    /// <param name="field">The member this value is of, when its name is a known word (else null).</param>
    private static BodyNode ReadValue(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyScratch scratch, string? field)
    {
        switch (r.TokenType)
        {
            case JsonTokenType.StartObject: return ReadObject(ref r, body, scratch);
            case JsonTokenType.StartArray:
                var start = scratch.Items.Count;
                while (r.Read() && r.TokenType != JsonTokenType.EndArray) scratch.Items.Add(ReadValue(ref r, body, scratch, null));
                return scratch.CloseArray(start);
            case JsonTokenType.String:
                if (r.ValueIsEscaped) return scratch.Node().AsString(JsonText.Decode(r.ValueSpan, true, out var escapedError), escapedError);
                if (KnownText.Node(r.ValueSpan) is { } known) return known;
                // A device's id and ward repeat in every event: the previous event's node serves again.
                var at = (int)r.TokenStartIndex + 1;
                if (field is not null && scratch.Repeat(field, body, at, r.ValueSpan) is { } repeated) return repeated;
                var text = JsonText.Decode(r.ValueSpan, false, out var error);
                var node = scratch.Node().AsString(text, error);
                if (field is not null && error is null) scratch.Remember(field, at, r.ValueSpan.Length, node);
                return node;
            case JsonTokenType.Number:
                double? number = r.TryGetDouble(out var d) && double.IsFinite(d) ? d : null;
                int? whole = r.TryGetInt32(out var i) ? i : null;
                return scratch.Node().AsNumber(number, whole);
            case JsonTokenType.True: return BodyNode.True;
            case JsonTokenType.False: return BodyNode.False;
            default: return BodyNode.Null;
        }
    }

    private static BodyNode ReadObject(ref Utf8JsonReader r, ReadOnlySpan<byte> body, BodyScratch scratch)
    {
        var start = scratch.Properties.Count;
        HashSet<string>? names = null;
        HashSet<string>? repeated = null;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            string? nameError = null;
            var known = r.ValueIsEscaped ? null : KnownText.Find(r.ValueSpan);
            var name = known ?? JsonText.Decode(r.ValueSpan, r.ValueIsEscaped, out nameError) ?? JsonText.Lenient(r.ValueSpan);
            r.Read();
            var value = ReadValue(ref r, body, scratch, known);
            // An event has about ten members: comparing with each is cheaper than a set, until objects get large.
            bool seen;
            if (names is not null) seen = !names.Add(name);
            else
            {
                seen = false;
                for (var k = start; k < scratch.Properties.Count; k++) seen |= string.Equals(scratch.Properties[k].Name, name, StringComparison.Ordinal);
                if (scratch.Properties.Count - start >= 16)
                {
                    names = new HashSet<string>(StringComparer.Ordinal) { name };
                    for (var k = start; k < scratch.Properties.Count; k++) names.Add(scratch.Properties[k].Name);
                }
            }
            if (seen) (repeated ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            scratch.Properties.Add(new BodyProperty(name, nameError, value));
        }
        return scratch.CloseObject(start, repeated?.ToArray());
    }
}
