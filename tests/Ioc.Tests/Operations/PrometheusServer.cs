using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

namespace Ioc.Tests.Operations;

/// <summary>
/// Debian's Prometheus (<c>/usr/bin/prometheus</c>) on a free loopback port with a generated config that
/// scrapes one target every second; its data in a temp folder; stopped by its PID.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";
    private readonly Process _process;
    private readonly string _root;
    private readonly List<string> _log = [];

    private PrometheusServer(Process process, string root, int port)
    {
        _process = process;
        _root = root;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public HttpClient Http { get; }

    public string Log { get { lock (_log) return string.Join('\n', _log.TakeLast(40)); } }

    /// <summary>Starts Prometheus scraping <paramref name="target"/> (host:port) at <paramref name="path"/> with a bearer token.</summary>
    public static async Task<PrometheusServer> StartAsync(string target, string path, string bearer)
    {
        if (!File.Exists(Binary)) throw new InvalidOperationException($"{Binary} is missing: apt-get install prometheus");
        var root = Path.Combine(Path.GetTempPath(), "ioc-tests-prometheus-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var config = Path.Combine(root, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: ioc
                metrics_path: {path}
                authorization:
                  credentials: {bearer}
                static_configs:
                  - targets: ['{target}']
            """);
        var port = FreePort();
        var process = new Process
        {
            StartInfo = new ProcessStartInfo(Binary)
            {
                ArgumentList =
                {
                    $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(root, "data")}",
                    $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            },
        };
        var server = new PrometheusServer(process, root, port);
        process.OutputDataReceived += (_, e) => server.Add(e.Data);
        process.ErrorDataReceived += (_, e) => server.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited) break;
            try
            {
                if ((await server.Http.GetAsync("/-/ready")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        var log = server.Log;
        await server.DisposeAsync();
        throw new InvalidOperationException($"Prometheus did not become ready:\n{log}");
    }

    private void Add(string? line)
    {
        if (line is null) return;
        lock (_log) _log.Add(line);
    }

    /// <summary>An instant query: each series' labels and value.</summary>
    public async Task<List<(Dictionary<string, string> Labels, double Value)>> Query(string promQl)
    {
        var json = await Http.GetFromJsonAsync<JsonElement>("/api/v1/query?query=" + Uri.EscapeDataString(promQl));
        return [.. json.GetProperty("data").GetProperty("result").EnumerateArray().Select(r => (
            r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            double.Parse(r.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture)))];
    }

    /// <summary>The scrape target's health as Prometheus last saw it (<c>up</c>, last error).</summary>
    public async Task<string> Targets() => await Http.GetStringAsync("/api/v1/targets");

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException) { }
        _process.Dispose();
        Http.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
