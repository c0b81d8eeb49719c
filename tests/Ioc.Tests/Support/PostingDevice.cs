using System.Net;
using System.Text.Json.Nodes;
using static Ioc.Testing.Telemetry;

namespace Ioc.Tests.Support;

/// <summary>
/// A kiosk that keeps posting small batches (one ticket issued, one rating) with fresh ids, remembers
/// which were acknowledged (202), and afterwards re-sends the others as a real device would.
/// </summary>
public sealed class PostingDevice(string deviceId, string ward, string key)
{
    private readonly List<(JsonObject[] Batch, bool Acked)> _batches = [];
    private readonly Lock _gate = new();

    public int Acked { get { lock (_gate) return _batches.Count(b => b.Acked); } }
    public int Sent { get { lock (_gate) return _batches.Count; } }
    public IReadOnlyList<string> Ids { get { lock (_gate) return [.. _batches.SelectMany(b => b.Batch).Select(e => e["id"]!.GetValue<string>())]; } }

    public async Task Run(Func<CenterProcess> center, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            var now = DateTimeOffset.UtcNow;
            JsonObject[] batch = [Issued(deviceId, ward, now, $"{deviceId}-{i}", "ho-tich", "kiosk"), Rating(deviceId, ward, now, 1 + i % 5)];
            int index;
            lock (_gate)
            {
                _batches.Add((batch, false));
                index = _batches.Count - 1;
            }
            var ok = await TryPost(center(), batch);
            lock (_gate) _batches[index] = (batch, ok);
        }
    }

    /// <summary>Sends every batch that got no 202 again until it does.</summary>
    public async Task ResendUnacknowledged(CenterProcess center)
    {
        List<int> open;
        lock (_gate) open = [.. Enumerable.Range(0, _batches.Count).Where(i => !_batches[i].Acked)];
        foreach (var i in open)
        {
            JsonObject[] batch;
            lock (_gate) batch = _batches[i].Batch;
            for (var attempt = 0; !await TryPost(center, batch); attempt++)
            {
                if (attempt > 300) throw new InvalidOperationException("a batch was never acknowledged");
                await Task.Delay(200);
            }
            lock (_gate) _batches[i] = (batch, true);
        }
    }

    private async Task<bool> TryPost(CenterProcess center, JsonObject[] batch)
    {
        try
        {
            var body = new JsonObject { ["events"] = new JsonArray([.. batch.Select(e => (JsonNode)e.DeepClone())]) }.ToJsonString();
            using var r = await center.Send(HttpMethod.Post, "/api/v1/telemetry", key, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            return r.StatusCode == HttpStatusCode.Accepted;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return false; // the center went away mid-request: no answer, so not acknowledged
        }
    }
}
