using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ioc.History.Testing;

/// <summary>
/// A private influxd (InfluxDB 1.x) on free loopback ports with its data in a temp folder, started from
/// <c>scripts/influxdb/influxdb.conf.template</c>. It can be killed and started again on the same data,
/// which is how the outage tests simulate a crash. Shared by the tests and the benchmark.
/// </summary>
public sealed class InfluxdProcess : IAsyncDisposable
{
    public const string DefaultBinary = "/usr/bin/influxd";
    private const string TemplateName = "influxdb.conf.template";
    private const int MaxLogLines = 200;

    private static readonly HttpClient PingClient = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly ConcurrentQueue<string> _log = new();
    private readonly bool _keepData;
    private Process? _process;

    private InfluxdProcess(string binary, string root, int httpPort, int rpcPort, bool keepData)
    {
        Binary = binary;
        RootDirectory = root;
        HttpPort = httpPort;
        RpcPort = rpcPort;
        _keepData = keepData;
        ConfigPath = Path.Combine(root, "influxdb.conf");
        var config = File.ReadAllText(FindTemplate())
            .Replace("{{ROOT}}", root, StringComparison.Ordinal)
            .Replace("{{HTTP_PORT}}", httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{{RPC_PORT}}", rpcPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        File.WriteAllText(ConfigPath, config);
    }

    /// <summary>The influxd binary: <c>$INFLUXD_PATH</c> or <c>/usr/bin/influxd</c>.</summary>
    public static string DefaultBinaryPath =>
        Environment.GetEnvironmentVariable("INFLUXD_PATH") is { Length: > 0 } path ? path : DefaultBinary;

    public string Binary { get; }

    public string RootDirectory { get; }

    public string ConfigPath { get; }

    public int HttpPort { get; }

    public int RpcPort { get; }

    public string Url => $"http://127.0.0.1:{HttpPort}";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Last lines influxd printed (for failure messages).</summary>
    public string LogTail => string.Join(Environment.NewLine, _log);

    /// <summary>Prepares ports, folder and config without starting the server.</summary>
    public static InfluxdProcess Create(bool keepData = false)
    {
        var binary = DefaultBinaryPath;
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException(
                $"influxd was not found at '{binary}'. The InfluxDB tests need InfluxDB 1.x: install it with " +
                "'bash scripts/influxdb/install.sh' (Debian package 'influxdb'), or set INFLUXD_PATH to the binary.");
        }

        var root = Path.Combine(Path.GetTempPath(), "ioc-influxd-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        return new InfluxdProcess(binary, root, FreePort(), FreePort(), keepData);
    }

    /// <summary>Prepares and starts a server; a port taken in the meantime is retried with new ports.</summary>
    public static async Task<InfluxdProcess> StartNewAsync(CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Create();
            try
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts influxd (on the same folder and ports as before) and waits until <c>/ping</c> answers 204.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(Binary)
        {
            ArgumentList = { "run", "-config", ConfigPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += KillOnExit;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"influxd exited with code {process.ExitCode} while starting on port {HttpPort}:{Environment.NewLine}{LogTail}");
            }

            if (await PingAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        Kill();
        throw new InvalidOperationException($"influxd did not answer /ping on port {HttpPort} within 30 s:{Environment.NewLine}{LogTail}");
    }

    /// <summary>Kills influxd at once (SIGKILL), like a crash; the data folder stays for a restart.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _process = null;
        AppDomain.CurrentDomain.ProcessExit -= KillOnExit;
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        Kill();
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await PingClient.GetAsync(new Uri($"{Url}/ping"), cancellationToken).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.NoContent;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        if (!_keepData)
        {
            try
            {
                Directory.Delete(RootDirectory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Temp folder; leaving it is harmless.
            }
        }

        return ValueTask.CompletedTask;
    }

    private void KillOnExit(object? sender, EventArgs e) => Kill();

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        _log.Enqueue(line);
        while (_log.Count > MaxLogLines && _log.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // Copied next to the assembly by the project file; otherwise found in the repository.
    private static string FindTemplate()
    {
        var local = Path.Combine(AppContext.BaseDirectory, TemplateName);
        if (File.Exists(local))
        {
            return local;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "influxdb", TemplateName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Cannot find {TemplateName} next to the assembly or in scripts/influxdb/.");
    }
}
