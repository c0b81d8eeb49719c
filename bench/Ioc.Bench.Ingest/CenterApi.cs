using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ioc.Bench.Ingest;

/// <summary>The admin side of the center: a token, provisioning, and the read API for the final check.</summary>
public sealed class CenterApi(HttpClient http)
{
    private AuthenticationHeaderValue? _admin;

    public async Task SignIn(string username, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        _admin = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("token").GetString());
    }

    /// <summary>Provisions all devices with bounded concurrency; an existing device gets a new key.</summary>
    public async Task<(TimeSpan Took, int Created, int Rotated)> ProvisionAll(IReadOnlyList<Device> devices, IReadOnlyList<WardSim> wards, int concurrency)
    {
        var sw = Stopwatch.StartNew();
        int created = 0, rotated = 0, done = 0;
        var allWards = wards.Select(w => w.Code).ToArray();
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (d, ct) =>
        {
            object body = d.Kind == DeviceKind.DossierSystem
                ? new { deviceId = d.Id, kind = Fleet.KindName(d.Kind), wards = allWards }
                : new { deviceId = d.Id, kind = Fleet.KindName(d.Kind), ward = d.Ward!.Code };
            var (status, text) = await Send(HttpMethod.Post, "/api/v1/devices", body, ct);
            if (status == HttpStatusCode.Conflict)
            {
                (status, text) = await Send(HttpMethod.Post, $"/api/v1/devices/{Uri.EscapeDataString(d.Id)}/key", null, ct);
                if (status == HttpStatusCode.OK) Interlocked.Increment(ref rotated);
            }
            else if (status == HttpStatusCode.Created) Interlocked.Increment(ref created);
            if (status is not (HttpStatusCode.Created or HttpStatusCode.OK))
                throw new InvalidOperationException($"Provisioning {d.Id} failed: {(int)status} {text}");
            using var doc = JsonDocument.Parse(text);
            d.Key = doc.RootElement.GetProperty("key").GetString()!;
            d.Auth = new AuthenticationHeaderValue("Bearer", d.Key);
            var n = Interlocked.Increment(ref done);
            if (n % 500 == 0) Console.WriteLine($"  provisioned {n}/{devices.Count} ({sw.Elapsed.TotalSeconds:0.0} s)");
        });
        return (sw.Elapsed, created, rotated);
    }

    private async Task<(HttpStatusCode Status, string Body)> Send(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = _admin;
            if (body is not null) request.Content = JsonContent.Create(body);
            else request.Content = new StringContent("", null, "application/json");
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode >= 500 && attempt < 4)
            {
                await Task.Delay(500 * attempt, ct);
                continue;
            }
            return (response.StatusCode, text);
        }
    }

    public async Task<JsonDocument> Get(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = _admin;
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
