using System.Text;
using System.Text.Json;
using Ioc.Ingest.Http;

namespace Ioc.Dashboard.Api;

/// <summary>
/// A small request body read as one JSON object, with problem+json naming the field for anything
/// wrong: too large, not JSON, not an object, a field of the wrong type.
/// </summary>
public static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    /// <summary>The body as an object; an empty body is null when <paramref name="optional"/>.</summary>
    public static async Task<(JsonElement? Body, IResult? Problem)> ReadObject(HttpRequest request, bool optional)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await request.Body.ReadAsync(chunk)) > 0)
        {
            if (buffer.Length + n > MaxBytes)
                return (null, Problems.Of(StatusCodes.Status413PayloadTooLarge, $"The body is larger than {MaxBytes / 1024} KiB"));
            buffer.Write(chunk, 0, n);
        }
        var bytes = buffer.ToArray();
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return optional ? (null, null) : (null, Problems.Field("body", "a JSON object is required"));
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, Problems.Of(StatusCodes.Status415UnsupportedMediaType, "The body must be application/json"));
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                ? (doc.RootElement.Clone(), null)
                : (null, Problems.Field("body", "must be a JSON object"));
        }
        catch (JsonException e)
        {
            return (null, Problems.Field("body", $"is not valid JSON: {e.Message}"));
        }
        catch (DecoderFallbackException)
        {
            return (null, Problems.Field("body", "is not valid UTF-8"));
        }
    }

    /// <summary>A string field: null when absent or null; an error when it is another type.</summary>
    public static string? String(JsonElement? body, string name, List<FieldError> errors)
    {
        if (body is not { } o || !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        errors.Add(new FieldError(-1, name, "must be a string"));
        return null;
    }

    public static bool Bool(JsonElement? body, string name, List<FieldError> errors)
    {
        if (body is not { } o || !o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return false;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors.Add(new FieldError(-1, name, "must be true or false"));
        return false;
    }
}
