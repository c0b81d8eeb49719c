using System.Diagnostics;

namespace Ioc.Tests.Support;

/// <summary>Debian's Mosquitto 2 with dynamic security, started by scripts/mosquitto/start.sh on a free loopback port and stopped by PID.</summary>
public sealed class MosquittoProcess : IAsyncDisposable
{
    private readonly string _dir;
    private readonly Dictionary<string, string> _values;

    private MosquittoProcess(string dir, Dictionary<string, string> values)
    {
        _dir = dir;
        _values = values;
    }

    public int Port => int.Parse(_values["MQTT_PORT"]);

    public string AdminPassword => _values["MQTT_ADMIN_PASSWORD"];

    public string IngestPassword => _values["MQTT_INGEST_PASSWORD"];

    public string Address => $"127.0.0.1:{Port}";

    public static async Task<MosquittoProcess> Start()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ioc-mosquitto-" + Guid.NewGuid().ToString("N"));
        var output = await Script("start.sh", dir);
        var values = output.Split('\n').Where(l => l.StartsWith("MQTT_", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1].Trim());
        return new MosquittoProcess(dir, values);
    }

    private static async Task<string> Script(string name, string dir)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "mosquitto", name));
        psi.ArgumentList.Add(dir);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(p.ExitCode == 0, $"{name}: {await stderr}");
        return await stdout;
    }

    public static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Ioc.sln"))) return d.FullName;
        throw new DirectoryNotFoundException("no Ioc.sln above " + AppContext.BaseDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Script("stop.sh", _dir);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
