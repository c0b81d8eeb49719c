using System.Globalization;

namespace Ioc.Bench.Influx;

/// <summary>What the figures were measured on (they only compare within one machine).</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var cpu = ReadValue("/proc/cpuinfo", "model name") ?? "unknown CPU";
        var memKb = ReadValue("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memGb = long.TryParse(memKb, NumberStyles.None, CultureInfo.InvariantCulture, out var kb)
            ? (kb / 1024.0 / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " GiB"
            : "? GiB";
        return $"{Environment.ProcessorCount} cores ({cpu}), {memGb}";
    }

    private static string? ReadValue(string file, string key)
    {
        try
        {
            return File.ReadLines(file)
                .Where(l => l.StartsWith(key, StringComparison.Ordinal))
                .Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())
                .FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
