using System.Net;

namespace Ioc.History;

/// <summary>Outcome of one <c>/write</c> request that reached the server.</summary>
internal readonly record struct WriteResult(HttpStatusCode Status, string? Error)
{
    public bool Success => (int)Status is >= 200 and < 300;

    /// <summary>
    /// 400 (bad line, field type conflict) and 413 (body too large) fail the same way every time, so the
    /// batch is dropped; anything else (5xx, 401/403 until a token is fixed, 404 until the database exists,
    /// 429) is worth retrying.
    /// </summary>
    public bool Permanent => Status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge;

    /// <summary>
    /// On a 400 "partial write" InfluxDB stores the valid points and reports <c>dropped=N</c>;
    /// returns N, or null when the message does not say.
    /// </summary>
    public int? DroppedCount()
    {
        const string marker = "dropped=";
        var at = Error?.LastIndexOf(marker, StringComparison.Ordinal) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var digits = Error.AsSpan(at + marker.Length);
        var length = 0;
        while (length < digits.Length && char.IsAsciiDigit(digits[length]))
        {
            length++;
        }

        return int.TryParse(digits[..length], out var dropped) ? dropped : null;
    }
}
