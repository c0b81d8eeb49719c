using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ioc.Bench.Live;

/// <summary>The center's HTTP side: an admin token, a kiosk per ward the samples post in, one event per POST.</summary>
public sealed class CenterApi(HttpClient http)
{
    private AuthenticationHeaderValue? _admin;
    private readonly Dictionary<string, AuthenticationHeaderValue> _kiosks = new(StringComparer.Ordinal);
    private readonly string _run = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6];
    private int _seq;

    public string Token { get; private set; } = "";

    public async Task SignIn(string username, string password)
    {
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {body}");
        using var doc = JsonDocument.Parse(body);
        Token = doc.RootElement.GetProperty("token").GetString()!;
        _admin = new AuthenticationHeaderValue("Bearer", Token);
    }

    public static string KioskId(string ward) => $"bench-live-kiosk-{ward}";

    /// <summary>A kiosk of the ward (a fresh key if it exists already).</summary>
    public async Task ProvisionKiosk(string ward)
    {
        if (_kiosks.ContainsKey(ward)) return;
        var id = KioskId(ward);
        var (status, text) = await Send("/api/v1/devices", new { deviceId = id, kind = "kiosk", ward });
        if (status == HttpStatusCode.Conflict) (status, text) = await Send($"/api/v1/devices/{Uri.EscapeDataString(id)}/key", null);
        if (status is not (HttpStatusCode.OK or HttpStatusCode.Created)) throw new InvalidOperationException($"Provisioning {id} failed: {(int)status} {text}");
        using var doc = JsonDocument.Parse(text);
        _kiosks[ward] = new AuthenticationHeaderValue("Bearer", doc.RootElement.GetProperty("key").GetString());
    }

    private async Task<(HttpStatusCode, string)> Send(string path, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Authorization = _admin;
        request.Content = body is null ? new StringContent("", null, "application/json") : JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// One <c>ticket.issued</c> from the ward's kiosk, stamped with the business clock's "now":
    /// the ward's <c>waiting</c> and <c>ticketsIssued</c> go up by one. Returns when the 202 is in.
    /// </summary>
    public async Task<HttpStatusCode> PostTicket(string ward, DateTimeOffset businessNow)
    {
        var n = Interlocked.Increment(ref _seq);
        var ts = businessNow.ToOffset(TimeSpan.FromHours(7)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);
        var json = $$"""{"events":[{"type":"ticket.issued","id":"lb-{{_run}}-{{n}}","deviceId":"{{KioskId(ward)}}","ward":"{{ward}}","ts":"{{ts}}","ticket":"Z{{n:000}}","service":"khac","channel":"kiosk"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/telemetry");
        request.Headers.Authorization = _kiosks[ward];
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.Accepted)
            Console.WriteLine($"    POST /api/v1/telemetry answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }
}

/// <summary>
/// The center's business clock (60× by default with the simulator): read from its data folder's
/// <c>clock.json</c>, so a frame's <c>at</c> can be turned back into the real instant it was built.
/// </summary>
public sealed class BusinessClock(DateTimeOffset anchorReal, DateTimeOffset anchorBusiness, double speed)
{
    public double Speed { get; } = speed;

    public DateTimeOffset Now() => ToBusiness(DateTimeOffset.UtcNow);

    public DateTimeOffset ToBusiness(DateTimeOffset real) => anchorBusiness + TimeSpan.FromTicks((long)((real - anchorReal).Ticks * Speed));

    public DateTimeOffset ToReal(DateTimeOffset business) => anchorReal + TimeSpan.FromTicks((long)((business - anchorBusiness).Ticks / Speed));

    public static BusinessClock? Load(string? dataPath)
    {
        if (dataPath is null) return null;
        var file = Path.Combine(dataPath, "clock.json");
        if (!File.Exists(file)) return null;
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        var root = doc.RootElement;
        return new BusinessClock(root.GetProperty("Real").GetDateTimeOffset(), root.GetProperty("Business").GetDateTimeOffset(), root.GetProperty("Speed").GetDouble());
    }

    /// <summary>A clock at real speed (the center runs without Ioc:Clock settings).</summary>
    public static BusinessClock Machine() => new(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, 1);
}

/// <summary>CPU used between two instants: the center, this process, and the whole machine (in cores).</summary>
public sealed class CpuMeter
{
    private readonly int? _pid;
    private readonly long _t0 = Stopwatch.GetTimestamp();
    private readonly double? _center0;
    private readonly double _self0;
    private readonly (long Busy, long Total) _machine0;

    public CpuMeter(int? pid)
    {
        _pid = pid;
        _center0 = Proc.CpuSeconds(pid);
        _self0 = Proc.SelfCpuSeconds();
        _machine0 = Proc.MachineJiffies();
    }

    public CpuUse Stop()
    {
        var seconds = Stopwatch.GetElapsedTime(_t0).TotalSeconds;
        var center1 = Proc.CpuSeconds(_pid);
        var self1 = Proc.SelfCpuSeconds();
        var m1 = Proc.MachineJiffies();
        var cores = Environment.ProcessorCount;
        var busy = m1.Total > _machine0.Total ? (double)(m1.Busy - _machine0.Busy) / (m1.Total - _machine0.Total) * cores : 0;
        double? center = _center0 is { } a && center1 is { } b ? (b - a) / seconds : null;
        var self = (self1 - _self0) / seconds;
        return new CpuUse(seconds, center, self, busy, Math.Max(0, busy - (center ?? 0) - self));
    }
}

public sealed record CpuUse(double Seconds, double? Center, double Bench, double MachineBusy, double Others);

/// <summary>
/// The machine is shared: before a measured phase, wait (a while at most) until other processes
/// leave the two cores to the center and this client.
/// </summary>
public static class Quiet
{
    public static double MaxOthers { get; set; } = 0.4;
    public static int MaxWaitSeconds { get; set; } = 60;

    public static async Task<double> Wait(int? pid, string what)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            var m = new CpuMeter(pid);
            await Task.Delay(2000);
            var use = m.Stop();
            if (use.Others <= MaxOthers || started.Elapsed.TotalSeconds >= MaxWaitSeconds)
            {
                if (started.Elapsed.TotalSeconds > 3)
                    Console.WriteLine($"    waited {started.Elapsed.TotalSeconds:0} s for other processes to calm down before the {what} (now {use.Others:0.00} cores)");
                return use.Others;
            }
        }
    }
}
