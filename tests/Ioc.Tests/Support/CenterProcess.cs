using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ioc.Tests.Support;

/// <summary>
/// The center as people run it: its own process (the Dashboard entry point built next to the
/// tests), real clock, a data folder that outlives the process.
/// </summary>
public sealed partial class CenterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    /// <summary>Where the program listens, read from its log once it bound (a silo has no HTTP: null).</summary>
    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public string Output { get { lock (_output) return _output.ToString(); } }

    private CenterProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
    }

    public static Task<CenterProcess> Start(string dataPath, params string[] extraArgs) =>
        StartProgram("Ioc.Dashboard.dll", "Hanoi IOC is running at", [$"--Ioc:DataPath={dataPath}", "--Ioc:Simulator:Enabled=false", .. extraArgs]);

    /// <summary>Any of the center's programs built next to the tests, on a free loopback port.</summary>
    public static async Task<CenterProcess> StartProgram(string program, string readyLine, string[] args)
    {
        var dll = ProgramPath(program);
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0 for HTTP and MQTT alike, each bound by the program itself: a port chosen here and released
        // before the program binds it could be taken meanwhile (once by the same process's MQTT broker).
        foreach (var a in (string[])[dll, "--urls", "http://127.0.0.1:0", "--Ioc:Mqtt:Port=0", .. args])
            psi.ArgumentList.Add(a);
        var p = new CenterProcess(Process.Start(psi)!);
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until)
        {
            if (p._process.HasExited) throw new InvalidOperationException("The center exited at start:\n" + p.Output);
            if (p.Http is null && ListeningOn().Match(p.Output) is { Success: true } bound)
            {
                p.BaseAddress = new Uri(bound.Groups[1].Value);
                p.Http = new HttpClient { BaseAddress = p.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            }
            try
            {
                if (p.Output.Contains(readyLine) && (program.Contains("Silo") || (p.Http is not null && (await p.Http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK))) return p;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The center did not start:\n" + p.Output);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial System.Text.RegularExpressions.Regex ListeningOn();

    /// <summary>
    /// A program's own build output (its deps.json matches its folder), found from the tests'
    /// folder: tests/Ioc.Tests/bin/{Configuration}/{tfm}/ → src/{Program}/bin/{Configuration}/{tfm}/.
    /// </summary>
    private static string ProgramPath(string program)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var tfm = testDir.Name;
        var configuration = testDir.Parent!.Name;
        var root = testDir;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Ioc.sln"))) root = root.Parent;
        var name = Path.GetFileNameWithoutExtension(program);
        var own = root is null ? null : Path.Combine(root.FullName, "src", name, "bin", configuration, tfm, program);
        return own is not null && File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, program);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what was acknowledged must already be stored.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops it: the center shuts down cleanly (grains store what they hold).</summary>
    public async Task Stop()
    {
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await term.WaitForExitAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await _process.WaitForExitAsync(cts.Token);
    }

    /// <summary>A token; a 503 (no silo answering yet, say after a restart) is tried again for up to 60 s.</summary>
    public async Task<string> Token(string user, string password)
    {
        var r = await Eventually.Get(() => Http.PostAsJsonAsync("/api/v1/auth/token", new { username = user, password }),
            r => r.StatusCode != HttpStatusCode.ServiceUnavailable, timeoutMs: 60_000);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public async Task<HttpResponseMessage> Send(HttpMethod method, string path, string token, HttpContent? content = null)
    {
        using var req = new HttpRequestMessage(method, path) { Content = content };
        req.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await Http.SendAsync(req);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) Kill();
        Http?.Dispose();
        _process.Dispose();
        await Task.CompletedTask;
    }
}
