using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>
/// A valid batch sent the wrong way: content types and encodings telemetry-v1 does not take (415),
/// bodies too large before or after gzip (413), gzip that is not, keys that are missing, unknown
/// or not a device's (401), and keys writing what is not theirs (403).
/// </summary>
public static class TransportCases
{
    public static readonly string?[] ContentTypes =
    [
        null, "", "application/jsonx", "application/json+x", "application/json-patch+json", "text/json", "text/plain", "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", "application/json; charset=utf-16",
        "application/json; charset=\"iso-8859-1\"", "application/json;charset=utf-7", "application", "json", "*/*", "application/*",
        "application/ json", "application/json, text/plain",
    ];

    public static readonly string[] Encodings = ["br", "deflate", "bogus", "compress", "x-gzip", "gzip, gzip", "gzip, br", "identity, br", "zstd", "gzip;q=1", "*"];

    public static IEnumerable<HostileRequest> All(DateTimeOffset now)
    {
        var (_, _, e) = Templates.All(now).Single(t => t.Type == "ticket.issued");
        var body = Encoding.UTF8.GetBytes(Templates.Batch(e).ToJsonString());
        for (var i = 0; i < ContentTypes.Length; i++)
            yield return HostileRequest.Telemetry("content-type", $"type-{i}:{ContentTypes[i]}", "kiosk", body, 415, contentType: ContentTypes[i]);
        foreach (var coding in Encodings)
        {
            yield return HostileRequest.Telemetry("content-encoding", $"plain-body:{coding}", "kiosk", body, 415, contentEncoding: coding);
            yield return HostileRequest.Telemetry("content-encoding", $"gzip-body:{coding}", "kiosk", Gzip(body), 415, contentEncoding: coding);
        }
        yield return HostileRequest.Telemetry("content-encoding", "gzip-header-plain-body", "kiosk", body, 400, contentEncoding: "gzip");
        yield return HostileRequest.Telemetry("content-encoding", "gzip-cut-short", "kiosk", Gzip(body)[..20], 400, contentEncoding: "gzip");
        yield return HostileRequest.Telemetry("content-encoding", "gzip-twice", "kiosk", Gzip(Gzip(body)), 400, contentEncoding: "gzip");

        // 1 MiB after decompression at most: a gzip bomb stops being read there.
        var bomb = Encoding.UTF8.GetBytes("{\"events\":[],\"pad\":\"" + new string('a', 16 * 1024 * 1024) + "\"}");
        yield return HostileRequest.Telemetry("size", "gzip-bomb-16MiB", "kiosk", Gzip(bomb), 413, contentEncoding: "gzip");
        var big = Encoding.UTF8.GetBytes("{\"events\":[" + Templates.Batch(e)["events"]![0]!.ToJsonString() + "],\"pad\":\"" + new string('a', 1024 * 1024) + "\"}");
        yield return HostileRequest.Telemetry("size", "plain-1MiB-plus", "kiosk", big, 413);
        var many = JsonEdit.Batch([.. Enumerable.Range(0, 5001).Select(i => JsonEdit.With(e, "id", $"many-{i}").ToJsonString())]);
        yield return HostileRequest.Telemetry("size", "5001-events", "kiosk", Encoding.UTF8.GetBytes(many), 413);

        foreach (var who in new[] { "none", "bogus-key", "admin", "city", "revoked-token", "malformed-bearer" })
            yield return HostileRequest.Telemetry("auth", $"telemetry-as-{who}", who, body, 401);

        foreach (var (type, device, ev) in Templates.All(now))
        {
            yield return HostileRequest.Telemetry("forbidden", $"{type}.other-ward", device, Bytes(JsonEdit.With(ev, "ward", Templates.OtherWard)), 403);
            yield return HostileRequest.Telemetry("forbidden", $"{type}.other-device", device, Bytes(JsonEdit.With(ev, "deviceId", "someone-else")), 403);
            // Whose data it is comes first: a foreign ward with a broken field is still a 403.
            yield return HostileRequest.Telemetry("forbidden", $"{type}.other-ward-and-broken", device,
                Bytes(JsonEdit.With(JsonEdit.With(ev, "ward", Templates.OtherWard), "ts", "yesterday")), 403);
            if (type is "robot.state" or "counter.state")
                foreach (var other in Templates.Devices.Keys.Where(k => k != device))
                    yield return HostileRequest.Telemetry("forbidden", $"{type}.from-{other}", other,
                        Bytes(JsonEdit.With(ev, "deviceId", Templates.Devices[other])), 403);
        }
    }

    public static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return ms.ToArray();
    }

    private static byte[] Bytes(JsonObject e) => Encoding.UTF8.GetBytes(Templates.Batch(e).ToJsonString());
}
