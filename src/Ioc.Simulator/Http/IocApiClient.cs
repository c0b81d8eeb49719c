using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Microsoft.Extensions.Logging;

namespace Ioc.Simulator.Http;

/// <summary>
/// The center's HTTP API as the simulator uses it: an admin bearer token for provisioning, and
/// device keys for telemetry. Every request goes through one concurrency gate.
/// </summary>
public sealed class IocApiClient
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly string _username;
    private readonly string _password;
    private readonly TimeProvider _realTime;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate;
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpires;

    public IocApiClient(HttpClient http, string username, string password, int maxConcurrentRequests, TimeProvider realTime, ILogger logger)
    {
        _http = http;
        _username = username;
        _password = password;
        _realTime = realTime;
        _logger = logger;
        _gate = new SemaphoreSlim(Math.Max(1, maxConcurrentRequests));
    }

    /// <summary>True when <c>/api/v1/auth/token</c> answers with a token.</summary>
    public async Task<bool> TryAuthenticateAsync(CancellationToken ct)
    {
        try
        {
            await GetAdminTokenAsync(refresh: true, ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _logger.LogDebug("Center not ready for the simulator yet: {Message}", ex.Message);
            return false;
        }
    }

    private async Task<string> GetAdminTokenAsync(bool refresh, CancellationToken ct)
    {
        await _tokenLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!refresh && _token is not null && _realTime.GetUtcNow() < _tokenExpires) return _token;
            using var response = await SendGatedAsync(() => new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/token")
            {
                Content = JsonBody(new Credentials(_username, _password)),
            }, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"auth/token answered {(int)response.StatusCode}");
            using var doc = await ReadJsonAsync(response, ct).ConfigureAwait(false);
            var token = doc.RootElement.GetProperty("token").GetString() ?? throw new InvalidOperationException("auth/token gave no token");
            var expires = doc.RootElement.TryGetProperty("expiresAt", out var e) && e.ValueKind == JsonValueKind.String && e.TryGetDateTimeOffset(out var at)
                ? at
                : _realTime.GetUtcNow().AddMinutes(30);
            // Renew a minute early (or halfway for very short tokens).
            var life = expires - _realTime.GetUtcNow();
            _tokenExpires = _realTime.GetUtcNow() + (life > TimeSpan.FromMinutes(2) ? life - TimeSpan.FromMinutes(1) : life / 2);
            _token = token;
            return token;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    /// <summary>
    /// Creates the device (201) or, when it exists (409), rotates its key; returns the key.
    /// Retries on 429/503 (Retry-After), 5xx and network errors; refreshes the admin token on 401.
    /// </summary>
    public async Task<string> ProvisionAsync(DeviceSpec device, CancellationToken ct)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var authRetried = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            HttpStatusCode? status = null;
            TimeSpan? retryAfter = null;
            try
            {
                var token = await GetAdminTokenAsync(refresh: false, ct).ConfigureAwait(false);
                using var created = await SendGatedAsync(() => Authorized(HttpMethod.Post, "api/v1/devices", token, DeviceBody(device)), ct).ConfigureAwait(false);
                status = created.StatusCode;
                retryAfter = RetryAfterOf(created);
                if (created.IsSuccessStatusCode) return await KeyOfAsync(created, device, ct).ConfigureAwait(false);
                if (created.StatusCode == HttpStatusCode.Conflict)
                {
                    using var rotated = await SendGatedAsync(() => Authorized(HttpMethod.Post, $"api/v1/devices/{Uri.EscapeDataString(device.DeviceId)}/key", token, null), ct).ConfigureAwait(false);
                    status = rotated.StatusCode;
                    retryAfter = RetryAfterOf(rotated);
                    if (rotated.IsSuccessStatusCode) return await KeyOfAsync(rotated, device, ct).ConfigureAwait(false);
                    if (rotated.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
                        throw new ProvisioningException($"Rotating the key of {device.DeviceId} failed: {(int)rotated.StatusCode} {await BodyAsync(rotated, ct).ConfigureAwait(false)}");
                }
                else if (created.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Forbidden or HttpStatusCode.UnprocessableEntity)
                {
                    throw new ProvisioningException($"Provisioning {device.DeviceId} ({device.Kind}) failed: {(int)created.StatusCode} {await BodyAsync(created, ct).ConfigureAwait(false)}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or JsonException or KeyNotFoundException && !ct.IsCancellationRequested)
            {
                _logger.LogDebug("Provisioning {Device}: {Message}", device.DeviceId, ex.Message);
            }

            if (status == HttpStatusCode.Unauthorized)
            {
                _token = null;
                if (!authRetried) { authRetried = true; continue; }
            }
            var delay = status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable && retryAfter is { } ra ? ra : backoff;
            backoff = Min(backoff * 2, MaxBackoff);
            await Task.Delay(delay, _realTime, ct).ConfigureAwait(false);
        }
    }

    /// <summary>One telemetry POST with the device's key; the caller decides about retries.</summary>
    public async Task<TelemetryResponse> PostTelemetryAsync(string deviceKey, byte[] body, CancellationToken ct)
    {
        try
        {
            using var response = await SendGatedAsync(() =>
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/telemetry") { Content = content };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", deviceKey);
                return request;
            }, ct).ConfigureAwait(false);
            var text = await BodyAsync(response, ct).ConfigureAwait(false);
            int accepted = 0, duplicates = 0;
            if (response.IsSuccessStatusCode && text.Length > 0)
            {
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    if (doc.RootElement.TryGetProperty("accepted", out var a) && a.TryGetInt32(out var av)) accepted = av;
                    if (doc.RootElement.TryGetProperty("duplicates", out var d) && d.TryGetInt32(out var dv)) duplicates = dv;
                }
                catch (JsonException) { }
            }
            return new TelemetryResponse(response.StatusCode, RetryAfterOf(response), accepted, duplicates, text, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
        {
            return new TelemetryResponse(null, null, 0, 0, null, ex);
        }
    }

    private async Task<HttpResponseMessage> SendGatedAsync(Func<HttpRequestMessage> make, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            using var request = make();
            return await _http.SendAsync(request, ct).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) request.Content = JsonBody(body);
        return request;
    }

    /// <summary>A buffered JSON body (with Content-Length, not chunked).</summary>
    private static ByteArrayContent JsonBody(object body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), TelemetryJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private sealed record Credentials(string Username, string Password);

    private static object DeviceBody(DeviceSpec d) => d.Kind == DeviceKinds.DossierSystem
        ? new DossierSystemBody(d.DeviceId, d.Kind, d.Wards ?? [])
        : new DeviceBodyOne(d.DeviceId, d.Kind, d.Ward ?? "");

    private sealed record DeviceBodyOne(string DeviceId, string Kind, string Ward);

    private sealed record DossierSystemBody(string DeviceId, string Kind, IReadOnlyList<string> Wards);

    private static async Task<string> KeyOfAsync(HttpResponseMessage response, DeviceSpec device, CancellationToken ct)
    {
        using var doc = await ReadJsonAsync(response, ct).ConfigureAwait(false);
        return doc.RootElement.TryGetProperty("key", out var k) && k.GetString() is { Length: > 0 } key
            ? key
            : throw new InvalidOperationException($"No key in the answer for {device.DeviceId}.");
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        return await JsonDocument.ParseAsync(stream, cancellationToken: ct).ConfigureAwait(false);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try { return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false); }
        catch (HttpRequestException) { return ""; }
    }

    private TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header is null) return null;
        TimeSpan? value = header.Delta ?? (header.Date is { } date ? date - _realTime.GetUtcNow() : null);
        if (value is null) return null;
        return value < TimeSpan.Zero ? TimeSpan.Zero : Min(value.Value, TimeSpan.FromMinutes(2));
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
