using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ioc.Bench;

/// <summary>What only the ingest benchmark reads of the center: its managed heap, through the dotnet tools.</summary>
public static partial class Proc
{
    /// <summary><see cref="GcHeapMb(string?, int?)"/> summed over the center's processes; null when one is unreadable.</summary>
    public static Task<double?> GcHeapMb(string? dotnetCounters, IReadOnlyList<int> pids) => SumAsync(pids, pid => GcHeapMb(dotnetCounters, pid));

    /// <summary><see cref="LiveHeapMb(string?, int?)"/> summed over the center's processes; null when one is unreadable.</summary>
    public static Task<double?> LiveHeapMb(string? dotnetGcdump, IReadOnlyList<int> pids) => SumAsync(pids, pid => LiveHeapMb(dotnetGcdump, pid));

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
