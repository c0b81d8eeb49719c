using Ioc.Silo.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Ioc.Silo;

/// <summary>
/// A standalone silo: <c>dotnet run --project src/Ioc.Silo -- --Ioc:Cluster:Redis=localhost:6379</c>.
/// Without Redis it is a single loopback silo (gateway on Ioc:Cluster:GatewayPort, default 30000)
/// that separate Ingest and Dashboard processes join as clients.
/// </summary>
internal static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        builder.Configuration["Ioc:Cluster:GatewayPort"] ??= "30000";
        builder.Configuration["Ioc:Cluster:SiloPort"] ??= "11111";
        builder.UseOrleans(silo => silo.AddIocSilo(builder.Configuration));
        await builder.Build().RunAsync();
    }
}
