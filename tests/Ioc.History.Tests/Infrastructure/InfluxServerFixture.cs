using Ioc.History.Testing;

[assembly: AssemblyFixture(typeof(Ioc.History.Tests.Infrastructure.InfluxServerFixture))]

namespace Ioc.History.Tests.Infrastructure;

/// <summary>
/// One influxd for the whole test run, started by the first test that asks for it (so the pure unit
/// tests still run where influxd is missing, and the InfluxDB tests fail with the install hint).
/// Tests that need their own server, e.g. to kill it, start another. Each test uses its own database,
/// so tests stay independent and can run in parallel.
/// </summary>
public sealed class InfluxServerFixture : IAsyncDisposable
{
    private readonly Lazy<Task<InfluxdProcess>> _server = new(() => InfluxdProcess.StartNewAsync());

    /// <summary>Base URL of the shared server, starting it on first use.</summary>
    public async Task<string> UrlAsync() => (await _server.Value).Url;

    public async ValueTask DisposeAsync()
    {
        if (_server.IsValueCreated && _server.Value.IsCompletedSuccessfully)
        {
            await _server.Value.Result.DisposeAsync();
        }

        TestInflux.DeleteDirectory(TestInflux.SpillRoot);
    }
}
