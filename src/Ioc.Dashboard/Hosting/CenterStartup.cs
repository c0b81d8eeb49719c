using Ioc.Dashboard.Auth;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ioc.Dashboard.Hosting;

/// <summary>
/// After the silo is up (it was registered first, so it starts first): the first admin, and
/// the address people should open.
/// </summary>
internal sealed class CenterStartup(
    AdminBootstrap bootstrap,
    IHostApplicationLifetime lifetime,
    IServer server,
    IConfiguration config,
    IServiceProvider services,
    ILogger<CenterStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await bootstrap.EnsureAdmin(cancellationToken);
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var a in addresses) Console.WriteLine($"Hanoi IOC is running at {a}");
            logger.LogInformation("Hanoi IOC started");
            if (services.GetService<EmbeddedSimulator>() is { } simulator)
                _ = simulator.Connect(server, bootstrap, IocCenter.DataPath(config)).ContinueWith(
                    t => logger.LogError(t.Exception, "The simulator could not start"), TaskContinuationOptions.OnlyOnFaulted);
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
