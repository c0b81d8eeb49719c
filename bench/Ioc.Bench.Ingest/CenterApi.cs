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

/// <summary>The center's process as Linux shows it: resident memory and CPU time.</summary>
public static class Proc
{
    /// <summary>VmRSS of a process in KiB, or null.</summary>
    public static long? RssKb(int? pid)
    {
        if (pid is null) return null;
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException) { }
        return null;
    }

    /// <summary>User + system CPU seconds of a process (utime and stime of /proc/PID/stat, at 100 ticks a second).</summary>
    public static double? CpuSeconds(int? pid)
    {
        if (pid is null) return null;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name may hold spaces; the fields after its closing parenthesis are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state); utime is field 14, stime 15.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException) { return null; }
    }

    public static double SelfCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>Busy and total jiffies of the whole machine (/proc/stat), for "how busy were both cores".</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var line = File.ReadLines("/proc/stat").First();
        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var idle = v[3] + (v.Length > 4 ? v[4] : 0);
        var total = v.Take(8).Sum();
        return (total - idle, total);
    }

    /// <summary>
    /// The managed heap of the center after its last GC, summed over generations, read with
    /// dotnet-counters when the script found it (optional).
    /// </summary>
    public static async Task<double?> GcHeapMb(string? dotnetCounters, int? pid)
    {
        if (dotnetCounters is null || pid is null) return null;
        var file = Path.Combine(Path.GetTempPath(), $"ioc-bench-counters-{Environment.ProcessId}.csv");
        try
        {
            var start = new ProcessStartInfo(dotnetCounters)
            {
                ArgumentList =
                {
                    "collect", "-p", pid.Value.ToString(CultureInfo.InvariantCulture),
                    "--counters", "System.Runtime[dotnet.gc.last_collection.heap.size]",
                    "--format", "csv", "-o", file, "--duration", "00:00:00:04", "--refresh-interval", "1",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(start)!;
            var drain = Task.WhenAll(p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await p.WaitForExitAsync(cts.Token);
            await drain;
            if (!File.Exists(file)) return null;
            // Rows: Timestamp,Provider,Counter Name,Counter Type,Mean/Increment; one row per generation per second.
            var last = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var cols = SplitCsv(line);
                if (cols.Count < 5 || !cols[2].Contains("heap.size", StringComparison.Ordinal)) continue;
                if (double.TryParse(cols[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes)) last[cols[2]] = bytes;
            }
            return last.Count == 0 ? null : last.Values.Sum() / (1024.0 * 1024.0);
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            Console.WriteLine($"  (GC heap not read: {e.Message})");
            return null;
        }
        finally
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The center's live managed heap: dotnet-gcdump makes the runtime run a full, blocking GC and
    /// walk the heap, so this counts only reachable objects (optional, takes a few seconds).
    /// </summary>
    public static async Task<double?> LiveHeapMb(string? dotnetGcdump, int? pid)
    {
        if (dotnetGcdump is null || pid is null) return null;
        var file = Path.Combine(Path.GetTempPath(), $"ioc-bench-{Environment.ProcessId}-{Environment.TickCount64}.gcdump");
        try
        {
            await Run(dotnetGcdump, ["collect", "-p", pid.Value.ToString(CultureInfo.InvariantCulture), "-o", file]);
            if (!File.Exists(file)) return null;
            var report = await Run(dotnetGcdump, ["report", file]);
            // First line: "    152,551,498  GC Heap bytes".
            foreach (var line in report.Split('\n'))
            {
                if (!line.Contains("GC Heap bytes", StringComparison.Ordinal)) continue;
                var number = line.Trim().Split(' ')[0].Replace(",", "", StringComparison.Ordinal);
                if (long.TryParse(number, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)) return bytes / (1024.0 * 1024.0);
            }
            return null;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or OperationCanceledException or InvalidOperationException)
        {
            Console.WriteLine($"  (live heap not read: {e.Message})");
            return null;
        }
        finally
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }

    private static async Task<string> Run(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var p = Process.Start(start)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await p.WaitForExitAsync(cts.Token);
        return await output + await errors;
    }

    private static List<string> SplitCsv(string line)
    {
        var cols = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { cols.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        cols.Add(current.ToString());
        return cols;
    }
}
