namespace Ioc.Tests.Hostile;

/// <summary>
/// One request of the hostile corpus: what is sent (as whom: <see cref="As"/> names a key or a
/// person of <see cref="HostileCity"/>) and which answers are right for it (all 4xx).
/// </summary>
public sealed record HostileRequest(
    string Category,
    string Name,
    string Method,
    string Path,
    string As,
    byte[]? Body,
    int[] Expected,
    string? ContentType = "application/json",
    string? ContentEncoding = null,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public static HostileRequest Telemetry(string category, string name, string device, byte[] body, int expected = 400,
        string? contentType = "application/json", string? contentEncoding = null) =>
        new(category, name, "POST", "/api/v1/telemetry", device, body, [expected], contentType, contentEncoding);

    public override string ToString() => $"{Category}/{Name}";
}
