using System.Diagnostics;
using System.Globalization;

namespace Ioc.Bench;

/// <summary>Processes as Linux shows them: CPU time and resident memory (shared by the bench programs).</summary>
public static partial class Proc
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

    /// <summary>Summed over the processes a system runs as (a cluster's silos and ingest); null when one is gone.</summary>
    public static long? RssKb(IReadOnlyList<int> pids) => Sum(pids, p => RssKb(p));

    /// <summary>User + system CPU seconds summed over several processes; null when one is gone.</summary>
    public static double? CpuSeconds(IReadOnlyList<int> pids) => Sum(pids, p => CpuSeconds(p));

    private static T? Sum<T>(IReadOnlyList<int> pids, Func<int, T?> read) where T : struct, System.Numerics.INumber<T>
    {
        if (pids.Count == 0) return null;
        var sum = T.Zero;
        foreach (var pid in pids)
        {
            if (read(pid) is not { } v) return null;
            sum += v;
        }
        return sum;
    }

    /// <summary>The same rule for figures read by a tool, one process after the other.</summary>
    private static async Task<double?> SumAsync(IReadOnlyList<int> pids, Func<int, Task<double?>> read)
    {
        if (pids.Count == 0) return null;
        double sum = 0;
        foreach (var pid in pids)
        {
            if (await read(pid) is not { } v) return null;
            sum += v;
        }
        return sum;
    }

    public static double SelfCpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    public static long SelfRssKb() => Process.GetCurrentProcess().WorkingSet64 / 1024;

    /// <summary>Busy and total jiffies of the whole machine (/proc/stat), for "how busy were both cores".</summary>
    public static (long Busy, long Total) MachineJiffies()
    {
        var line = File.ReadLines("/proc/stat").First();
        var v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var idle = v[3] + (v.Length > 4 ? v[4] : 0);
        var total = v.Take(8).Sum();
        return (total - idle, total);
    }
}
