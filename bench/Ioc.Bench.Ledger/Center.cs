using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ioc.Bench.Ledger;

/// <summary>The center under test, over its HTTP API: sign-in, provisioning, telemetry.</summary>
public sealed class Center(string url, string password)
{
    public HttpClient Http { get; } = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
    private string _admin = "";

    public async Task SignIn()
    {
        var r = await Http.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password });
        r.EnsureSuccessStatusCode();
        _admin = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<string> Provision(string deviceId, string kind, string ward)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/devices") { Content = JsonContent.Create(new { deviceId, kind, ward }) };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);
        var r = await Http.SendAsync(req);
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task<JsonElement> Ward(string code)
    {
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/wards/{code}");
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _admin);
        var r = await Http.SendAsync(req);
        r.EnsureSuccessStatusCode();
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Posts a batch until it is acknowledged (429/503 are retried); true at the first 202.</summary>
    public async Task Post(string key, string json)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/telemetry") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var r = await Http.SendAsync(req);
            if ((int)r.StatusCode == 202) return;
            if (attempt > 100 || ((int)r.StatusCode != 429 && (int)r.StatusCode != 503))
                throw new InvalidOperationException($"telemetry answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync()}");
            await Task.Delay(50);
        }
    }
}
