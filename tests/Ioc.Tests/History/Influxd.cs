using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ioc.Tests.History;

/// <summary>
/// A private influxd (InfluxDB 1.x, <c>/usr/bin/influxd</c> or <c>$INFLUXD_PATH</c>) on free loopback ports with
/// its data in a temp folder, configured from <c>scripts/influxdb/influxdb.conf.template</c>. A small copy of
/// what tests/Ioc.History.Tests uses, so this project needs no reference to that one.
/// </summary>
public sealed class Influxd : IAsyncDisposable
{
    private const string TemplateName = "influxdb.conf.template";
    private static readonly HttpClient Ping = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly string _root;
    private readonly List<string> _log = [];

    private Influxd(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    /// <param name="port">A port chosen beforehand (to start the server later than the center that uses it).</param>
    public static async Task<Influxd> StartAsync(int? port = null)
    {
        var binary = Environment.GetEnvironmentVariable("INFLUXD_PATH") is { Length: > 0 } path ? path : "/usr/bin/influxd";
        if (!File.Exists(binary))
            throw new InvalidOperationException($"influxd not found at '{binary}': run 'bash scripts/influxdb/install.sh' or set INFLUXD_PATH.");
        for (var attempt = 1; ; attempt++)
        {
            var root = Path.Combine(Path.GetTempPath(), "ioc-tests-influxd-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(root);
            var httpPort = port ?? FreePort();
            var config = File.ReadAllText(FindTemplate())
                .Replace("{{ROOT}}", root, StringComparison.Ordinal)
                .Replace("{{HTTP_PORT}}", httpPort.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{{RPC_PORT}}", FreePort().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var configPath = Path.Combine(root, "influxdb.conf");
            await File.WriteAllTextAsync(configPath, config);

            var process = new Process
            {
                StartInfo = new ProcessStartInfo(binary)
                {
                    ArgumentList = { "run", "-config", configPath },
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                },
            };
            var server = new Influxd(process, root, httpPort);
            process.OutputDataReceived += (_, e) => server.Log(e.Data);
            process.ErrorDataReceived += (_, e) => server.Log(e.Data);
            process.Start();
            // A test run that ends without disposing its fixtures must not leave the server behind.
            AppDomain.CurrentDomain.ProcessExit += server.KillOnExit;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await server.WaitUntilUp()) return server;
            var log = server.LogTail;
            await server.DisposeAsync();
            if (attempt == 3) throw new InvalidOperationException($"influxd did not start on port {httpPort}:{Environment.NewLine}{log}");
        }
    }

    public string LogTail
    {
        get
        {
            lock (_log) return string.Join(Environment.NewLine, _log.TakeLast(50));
        }
    }

    private async Task<bool> WaitUntilUp()
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
        {
            try
            {
                using var response = await Ping.GetAsync(new Uri($"{Url}/ping"));
                if (response.StatusCode == HttpStatusCode.NoContent) return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(50);
        }
        return false;
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
    }

    public ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        Kill();
        _process.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindTemplate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "influxdb", TemplateName);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Cannot find scripts/influxdb/{TemplateName} above {AppContext.BaseDirectory}.");
    }
}
