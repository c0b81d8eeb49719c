using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ioc.Time;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Ioc.Testing;

/// <summary>
/// The whole center on its embedded default, served by real Kestrel on a free loopback port,
/// with a fresh data folder, the simulator off and a fake clock (Wednesday 09:00 in Hanoi).
/// </summary>
public class CenterHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminPassword = "admin-password-for-tests";
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, HanoiTime.Offset);

    public FakeTimeProvider Time { get; }
    public string DataPath { get; }
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];
    public HttpClient Http { get; private set; } = null!;
    private readonly bool _keepData;
    private string? _adminToken;

    public CenterHost() : this(null, Start) { }

    /// <summary>A center on a given data folder, kept after it stops (a restart test starts another on it), from a given time.</summary>
    protected CenterHost(string? dataPath, DateTimeOffset start)
    {
        _keepData = dataPath is not null;
        DataPath = dataPath ?? Path.Combine(Path.GetTempPath(), "ioc-host-" + Guid.NewGuid().ToString("N"));
        Time = new FakeTimeProvider(start);
        UseKestrel(0);
    }

    /// <summary>For a host that listens its own way (HTTPS with a test certificate).</summary>
    protected CenterHost(Action<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions> kestrel)
    {
        DataPath = Path.Combine(Path.GetTempPath(), "ioc-host-" + Guid.NewGuid().ToString("N"));
        Time = new FakeTimeProvider(Start);
        UseKestrel(kestrel);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ioc:DataPath", DataPath);
        builder.UseSetting("Ioc:Admin:Password", AdminPassword);
        builder.UseSetting("Ioc:Simulator:Enabled", "false");
        // Scheduled jobs would move alerts on their own; the job tests switch them on.
        builder.UseSetting("Ioc:Jobs:Enabled", "false");
        // The embedded MQTT broker on a free port (many hosts run side by side).
        builder.UseSetting("Ioc:Mqtt:Port", "0");
        builder.UseSetting("Logging:LogLevel:Default", Environment.GetEnvironmentVariable("IOC_TEST_LOGLEVEL") ?? "Warning");
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        builder.ConfigureTestServices(services =>
        {
            // Two cores shared by many test hosts: give the silo time to stop cleanly.
            services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
            services.AddSingleton(new IocClock(Time));
            ConfigureServices(services);
        });
    }

    protected virtual void ConfigureServices(IServiceCollection services) { }

    public virtual ValueTask InitializeAsync()
    {
        StartServer();
        // Pages redirect (sign-in, a chief's home); tests look at the redirect itself.
        ClientOptions.AllowAutoRedirect = false;
        Http = CreateClient();
        return ValueTask.CompletedTask;
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        try { await base.DisposeAsync(); }
        catch (Exception e) when (e is OperationCanceledException || e is AggregateException { InnerExceptions: var all } && all.All(x => x is OperationCanceledException))
        {
            // A stop that outlasted the shutdown timeout on a loaded machine: the test is over.
        }
        if (!_keepData)
            try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { }
    }

    /// <summary>The business clock the center runs on (the fake clock, unless a host registers another).</summary>
    public DateTimeOffset Now => Services.GetRequiredService<IocClock>().GetUtcNow();

    public Uri BaseUrl => Http.BaseAddress!;

    /// <summary>The port the embedded MQTT broker bound.</summary>
    public int MqttPort => Services.GetRequiredService<Ioc.Ingest.Mqtt.EmbeddedBroker>().Port;

    public static string Rfc3339(DateTimeOffset t) => HanoiTime.ToLocal(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz");

    public async Task<string> TokenFor(string username, string password)
    {
        var r = await Http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        r.EnsureSuccessStatusCode();
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<string> AdminToken() => _adminToken ??= await TokenFor("admin", AdminPassword);

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string? token, object? body = null)
    {
        using var req = new HttpRequestMessage(method, path);
        if (token is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null) req.Content = JsonContent.Create(body);
        return await Http.SendAsync(req);
    }

    public async Task<JsonElement> Get(string path, string? token = null)
    {
        var r = await Send(HttpMethod.Get, path, token ?? await AdminToken());
        Assert.True(r.IsSuccessStatusCode, $"GET {path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Provisions a device through the admin API and returns its key.</summary>
    public async Task<string> Provision(string deviceId, string kind, string ward, string[]? wards = null)
    {
        object body = wards is null ? new { deviceId, kind, ward } : new { deviceId, kind, wards };
        var r = await Send(HttpMethod.Post, "/api/v1/devices", await AdminToken(), body);
        Assert.True(r.StatusCode == System.Net.HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
    }

    public async Task CreateUser(string username, string password, string role, string? ward = null)
    {
        var r = await Send(HttpMethod.Post, "/api/v1/users", await AdminToken(), new { username, password, role, ward });
        Assert.True(r.StatusCode == System.Net.HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a batch and insists on 202.</summary>
    public async Task PostAccepted(string key, params JsonObject[] events)
    {
        var r = await PostTelemetry(key, events);
        Assert.True(r.StatusCode == System.Net.HttpStatusCode.Accepted, $"telemetry: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
    }

    public Task<HttpResponseMessage> PostTelemetry(string? key, params JsonObject[] events) =>
        PostTelemetryRaw(key, new JsonObject { ["events"] = new JsonArray([.. events.Select(e => e.DeepClone())]) }.ToJsonString());

    public async Task<HttpResponseMessage> PostTelemetryRaw(string? key, string json, bool gzip = false)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, "/api/v1/telemetry");
        if (key is not null) req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        if (gzip)
        {
            using var ms = new MemoryStream();
            using (var gz = new System.IO.Compression.GZipStream(ms, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
                gz.Write(bytes);
            bytes = ms.ToArray();
        }
        req.Content = new ByteArrayContent(bytes);
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip) req.Content.Headers.ContentEncoding.Add("gzip");
        return await Http.SendAsync(req);
    }
}

/// <summary>Telemetry-v1 events as JSON, as a device would write them.</summary>
public static class Telemetry
{
    private static int _seq;

    public static string NextId(string prefix = "e") => $"{prefix}-{Interlocked.Increment(ref _seq)}-{Guid.NewGuid():N}";

    public static JsonObject Event(string type, string deviceId, string ward, DateTimeOffset ts, object? fields = null, string? id = null)
    {
        var o = new JsonObject
        {
            ["type"] = type, ["id"] = id ?? NextId(), ["deviceId"] = deviceId, ["ward"] = ward, ["ts"] = CenterHost.Rfc3339(ts),
        };
        if (fields is not null)
            foreach (var (k, v) in JsonSerializer.SerializeToNode(fields)!.AsObject()) o[k] = v?.DeepClone();
        return o;
    }

    public static JsonObject RobotState(string deviceId, string ward, DateTimeOffset ts, double x = 3, double y = 4, double yaw = 1.2,
        double battery = 80, string mode = "guiding", string? issue = null) =>
        issue is null
            ? Event("robot.state", deviceId, ward, ts, new { pose = new { x, y, yaw, floor = "G" }, battery, mode })
            : Event("robot.state", deviceId, ward, ts, new { pose = new { x, y, yaw, floor = "G" }, battery, mode, issue });

    public static JsonObject CounterState(string deviceId, string ward, DateTimeOffset ts, string counter, string status, params string[] services) =>
        Event("counter.state", deviceId, ward, ts, new { counter, status, services });

    public static JsonObject Issued(string deviceId, string ward, DateTimeOffset ts, string ticket, string service, string channel = "robot") =>
        Event("ticket.issued", deviceId, ward, ts, new { ticket, service, channel });

    public static JsonObject Ticket(string type, string deviceId, string ward, DateTimeOffset ts, string ticket, string counter) =>
        Event(type, deviceId, ward, ts, new { ticket, counter });

    public static JsonObject Rating(string deviceId, string ward, DateTimeOffset ts, int score) =>
        Event("rating.submitted", deviceId, ward, ts, new { score });

    public static JsonObject Received(string deviceId, string ward, DateTimeOffset ts, string dossier, DateTimeOffset dueAt,
        string channel = "online", string service = "ho-tich", string procedure = "Đăng ký khai sinh") =>
        Event("dossier.received", deviceId, ward, ts, new { dossier, procedure, service, channel, dueAt = CenterHost.Rfc3339(dueAt) });

    public static JsonObject Dossier(string type, string deviceId, string ward, DateTimeOffset ts, string dossier) =>
        Event(type, deviceId, ward, ts, new { dossier });
}
