using Microsoft.Extensions.Hosting;
using Ioc.Silo.Hosting;

// A standalone silo: `dotnet run --project src/Ioc.Silo -- --Ioc:Cluster:Redis=localhost:6379`.
// Without Redis it is a single loopback silo (gateway on Ioc:Cluster:GatewayPort, default 30000)
// that separate Ingest and Dashboard processes join as clients.
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration["Ioc:Cluster:GatewayPort"] ??= "30000";
builder.Configuration["Ioc:Cluster:SiloPort"] ??= "11111";
builder.UseOrleans(silo => silo.AddIocSilo(builder.Configuration));
await builder.Build().RunAsync();
