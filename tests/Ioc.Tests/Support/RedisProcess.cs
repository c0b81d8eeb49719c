using System.Diagnostics;
using System.Net.Sockets;
using Ioc.Silo.Hosting;

namespace Ioc.Tests.Support;

/// <summary>A real redis-server (Debian's) on a free loopback port, with no persistence of its own; stopped by PID.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;
    public int Port { get; }
    public string ConnectionString => $"127.0.0.1:{Port}";

    private RedisProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public static async Task<RedisProcess> Start()
    {
        const string server = "/usr/bin/redis-server";
        if (!File.Exists(server)) throw new InvalidOperationException("redis-server is not installed: apt-get install redis-server (CI does this).");
        var port = IocSiloHosting.FreePort();
        var psi = new ProcessStartInfo(server) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes"])
            psi.ArgumentList.Add(a);
        var p = new RedisProcess(Process.Start(psi)!, port);
        p._process.BeginOutputReadLine();
        p._process.BeginErrorReadLine();
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient();
                await c.ConnectAsync("127.0.0.1", port);
                return p;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        throw new TimeoutException("redis-server did not start");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
