using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// What telemetry-v1 accepts as a body: <c>application/json</c> (parameters allowed, a charset
/// only if it is UTF-8), plain or <c>Content-Encoding: gzip</c>. Anything else is a 415.
/// </summary>
public static class TelemetryContent
{
    /// <summary>Null when the content type is JSON in UTF-8.</summary>
    public static IResult? TypeProblem(HttpRequest request)
    {
        var values = request.Headers.ContentType;
        if (values.Count != 1 || values[0] is not { } raw || !MediaTypeHeaderValue.TryParse(raw, out var type))
            return Unsupported("Content-Type", "must be application/json");
        // The parser forgives "application/ json"; the media type itself must be exactly this.
        var semicolon = raw.IndexOf(';');
        if (!(semicolon < 0 ? raw : raw[..semicolon]).Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase))
            return Unsupported("Content-Type", "must be application/json");
        var charsets = type.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count > 1 || charsets.Any(c => !HeaderUtilities.RemoveQuotes(c.Value).Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
            return Unsupported("Content-Type", "charset must be utf-8 (or left out)");
        return null;
    }

    /// <summary>Null when the encoding is understood; <paramref name="gzip"/> says whether to decompress.</summary>
    public static IResult? EncodingProblem(HttpRequest request, out bool gzip)
    {
        gzip = false;
        var codings = new List<string>();
        foreach (var header in request.Headers.ContentEncoding)
            foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                if (!part.Equals("identity", StringComparison.OrdinalIgnoreCase)) codings.Add(part);
        if (codings.Count == 0) return null;
        if (codings is [var only] && only.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            gzip = true;
            return null;
        }
        return Unsupported("Content-Encoding", "must be gzip or left out");
    }

    private static IResult Unsupported(string field, string message) =>
        Problems.Field(field, message, StatusCodes.Status415UnsupportedMediaType);
}
