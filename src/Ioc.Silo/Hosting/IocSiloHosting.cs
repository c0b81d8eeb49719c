using System.Net;
using System.Net.Sockets;
using Ioc.Silo.Wards;
using Ioc.Silo.Storage;
using Ioc.Time;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using StackExchange.Redis;

namespace Ioc.Silo.Hosting;

/// <summary>
/// How a silo of the center is put together. Without <c>Ioc:Cluster:Redis</c> it is the embedded
/// default: one silo on loopback, grain state in SQLite under <c>Ioc:DataPath</c>. With it, a
/// cluster member: membership, grain state and reminders in Redis.
/// </summary>
public static class IocSiloHosting
{
    public const string StorageName = "ioc";

    public static ISiloBuilder AddIocSilo(this ISiloBuilder silo, IConfiguration config)
    {
        var redis = config["Ioc:Cluster:Redis"];
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = config["Ioc:Cluster:ClusterId"] ?? "ioc";
            o.ServiceId = config["Ioc:Cluster:ServiceId"] ?? "hanoi-ioc";
        });
        // The business clock is shared by grains and ingest; its serializer-based state must be binary.
        silo.Services.TryAddSingleton(sp => IocClockSetup.FromConfiguration(config));
        silo.Services.AddOptions<WardRulesOptions>().Bind(config.GetSection(WardRulesOptions.Section));
        silo.Services.AddSingleton<OrleansGrainStorageSerializer>();

        if (string.IsNullOrWhiteSpace(redis))
        {
            var siloPort = config.GetValue<int?>("Ioc:Cluster:SiloPort") ?? FreePort();
            var gatewayPort = config.GetValue<int?>("Ioc:Cluster:GatewayPort") ?? FreePort();
            silo.UseLocalhostClustering(siloPort, gatewayPort);
            var dataPath = config["Ioc:DataPath"] ?? "data";
            silo.Services.AddGrainStorage(StorageName, (sp, name) => new SqliteGrainStorage(
                name, Path.Combine(dataPath, "grains.db"), sp.GetRequiredService<OrleansGrainStorageSerializer>(),
                sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
            silo.UseInMemoryReminderService();
        }
        else
        {
            silo.UseRedisClustering(redis);
            if (config.GetValue<int?>("Ioc:Cluster:SiloPort") is { } sp && config.GetValue<int?>("Ioc:Cluster:GatewayPort") is { } gp)
                silo.ConfigureEndpoints(IPAddress.Loopback, sp, gp);
            silo.AddRedisGrainStorage(StorageName, o => o.Configure<IServiceProvider>((opts, services) =>
            {
                opts.ConfigurationOptions = ConfigurationOptions.Parse(redis);
                opts.GrainStorageSerializer = services.GetRequiredService<OrleansGrainStorageSerializer>();
            }));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        }
        silo.Services.AddHostedService<WardWakeup>();
        return silo;
    }

    /// <summary>A free loopback port, so several embedded centers (tests) can run side by side.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
