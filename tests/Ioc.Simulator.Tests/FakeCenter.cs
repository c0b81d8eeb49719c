using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Ioc.Simulator.Tests;

/// <summary>
/// A tiny in-memory stand-in for the center's API: admin token, device provisioning (201 / 409 and
/// key rotation) and telemetry with device keys, answering 503 to chosen requests.
/// </summary>
internal sealed class FakeCenter : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, string> _keyToDevice = new();
    private readonly ConcurrentDictionary<string, string[]> _deviceWards = new();
    private readonly ConcurrentDictionary<string, byte> _seenIds = new();
    private int _telemetryCount;

    public string Password { get; init; } = "secret";

    /// <summary>Telemetry requests with these 1-based numbers get a 503 with Retry-After: 0.</summary>
    public HashSet<int> Unavailable { get; init; } = [];

    /// <summary>Telemetry requests with these 1-based numbers get a 429 with Retry-After: 0.</summary>
    public HashSet<int> TooMany { get; init; } = [];

    public ConcurrentQueue<TelemetryCall> Calls { get; } = new();
    public ConcurrentQueue<string> Created { get; } = new();
    public ConcurrentQueue<string> Rotated { get; } = new();
    public ConcurrentQueue<string> Problems { get; } = new();
    public int TokenRequests;

    /// <summary>A device that exists already (provisioned by an earlier run, key unknown to the simulator).</summary>
    public void PreProvision(string deviceId, string kind, params string[] wards)
    {
        _keyToDevice["old-key-" + deviceId] = deviceId;
        _deviceWards[deviceId] = wards;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.AbsolutePath;
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var bearer = request.Headers.Authorization?.Scheme == "Bearer" ? request.Headers.Authorization.Parameter : null;

        if (path == "/api/v1/auth/token" && request.Method == HttpMethod.Post)
        {
            Interlocked.Increment(ref TokenRequests);
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.GetProperty("username").GetString() != "admin" || doc.RootElement.GetProperty("password").GetString() != Password)
                return Problem(HttpStatusCode.Unauthorized, "bad credentials");
            return Json(HttpStatusCode.OK, new { token = "admin-token", expiresAt = DateTimeOffset.UtcNow.AddHours(1) });
        }

        if (path == "/api/v1/devices" && request.Method == HttpMethod.Post)
        {
            if (bearer != "admin-token") return Problem(HttpStatusCode.Unauthorized, "admin only");
            using var doc = JsonDocument.Parse(body);
            var id = doc.RootElement.GetProperty("deviceId").GetString()!;
            var kind = doc.RootElement.GetProperty("kind").GetString()!;
            string[] wards = kind == "dossier-system"
                ? doc.RootElement.GetProperty("wards").EnumerateArray().Select(w => w.GetString()!).ToArray()
                : [doc.RootElement.GetProperty("ward").GetString()!];
            if (kind == "dossier-system" && doc.RootElement.TryGetProperty("ward", out _)) Problems.Enqueue($"{id}: dossier-system with a ward");
            if (!_deviceWards.TryAdd(id, wards)) return Problem(HttpStatusCode.Conflict, $"device {id} exists");
            Created.Enqueue(id);
            return Json(HttpStatusCode.Created, new { deviceId = id, key = NewKey(id) });
        }

        if (path.StartsWith("/api/v1/devices/", StringComparison.Ordinal) && path.EndsWith("/key", StringComparison.Ordinal) && request.Method == HttpMethod.Post)
        {
            if (bearer != "admin-token") return Problem(HttpStatusCode.Unauthorized, "admin only");
            var id = Uri.UnescapeDataString(path["/api/v1/devices/".Length..^"/key".Length]);
            if (!_deviceWards.ContainsKey(id)) return Problem(HttpStatusCode.NotFound, "no such device");
            foreach (var old in _keyToDevice.Where(kv => kv.Value == id).Select(kv => kv.Key).ToList()) _keyToDevice.TryRemove(old, out _);
            Rotated.Enqueue(id);
            return Json(HttpStatusCode.OK, new { deviceId = id, key = NewKey(id) });
        }

        if (path == "/api/v1/telemetry" && request.Method == HttpMethod.Post)
        {
            var n = Interlocked.Increment(ref _telemetryCount);
            using var doc = JsonDocument.Parse(body);
            var events = doc.RootElement.GetProperty("events").EnumerateArray().Select(e => e.Clone()).ToList();
            if (bearer is null || !_keyToDevice.TryGetValue(bearer, out var device))
            {
                Calls.Enqueue(new TelemetryCall(null, body, events, HttpStatusCode.Unauthorized));
                return Problem(HttpStatusCode.Unauthorized, "unknown key");
            }
            var wards = _deviceWards[device];
            for (var i = 0; i < events.Count; i++)
            {
                if (events[i].GetProperty("deviceId").GetString() != device || !wards.Contains(events[i].GetProperty("ward").GetString()))
                {
                    Calls.Enqueue(new TelemetryCall(device, body, events, HttpStatusCode.Forbidden));
                    Problems.Enqueue($"event {i} of {device} not its own");
                    return Problem(HttpStatusCode.Forbidden, "not your device or ward");
                }
            }
            if (Unavailable.Contains(n) || TooMany.Contains(n))
            {
                var status = Unavailable.Contains(n) ? HttpStatusCode.ServiceUnavailable : HttpStatusCode.TooManyRequests;
                Calls.Enqueue(new TelemetryCall(device, body, events, status));
                var busy = Problem(status, "try again");
                busy.Headers.TryAddWithoutValidation("Retry-After", "0");
                return busy;
            }
            var duplicates = events.Count(e => !_seenIds.TryAdd(e.GetProperty("id").GetString()!, 0));
            Calls.Enqueue(new TelemetryCall(device, body, events, HttpStatusCode.Accepted));
            return Json(HttpStatusCode.Accepted, new { accepted = events.Count - duplicates, duplicates });
        }

        return Problem(HttpStatusCode.NotFound, path);
    }

    private string NewKey(string deviceId)
    {
        var key = "iocd_" + Guid.NewGuid().ToString("N");
        _keyToDevice[key] = deviceId;
        return key;
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object value) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(value, JsonSerializerOptions.Web), Encoding.UTF8, "application/json"),
    };

    private static HttpResponseMessage Problem(HttpStatusCode status, string detail) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(new { title = status.ToString(), status = (int)status, detail }), Encoding.UTF8, "application/problem+json"),
    };
}
