using System.Net;
using System.Net.Sockets;
using Ioc.History;
using Ioc.Silo.Devices;
using Ioc.Silo.History;
using Ioc.Silo.Log;
using Ioc.Silo.Staffing;
using Ioc.Silo.Wards;
using Ioc.Silo.Storage;
using Ioc.Time;
using Ioc.Wards;
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
        silo.Services.AddIocRegion(config);
        silo.Services.AddOptions<WardRulesOptions>().Bind(config.GetSection(WardRulesOptions.Section));
        silo.Services.AddOptions<AdvisorOptions>().Bind(config.GetSection(AdvisorOptions.Section));
        silo.Services.AddSingleton<OrleansGrainStorageSerializer>();
        silo.Services.AddSingleton<LogRecordCodec>();
        silo.Services.AddOptions<WardLogOptions>().Bind(config.GetSection(WardLogOptions.Section));
        AddEventHistory(silo.Services, config);
        silo.Services.AddSingleton<DeviceLiveness>();

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
            AddSqliteWardLog(silo.Services, dataPath);
        }
        else
        {
            silo.UseRedisClustering(o => o.ConfigurationOptions = RedisSettings.For(redis));
            if (config.GetValue<int?>("Ioc:Cluster:SiloPort") is { } sp && config.GetValue<int?>("Ioc:Cluster:GatewayPort") is { } gp)
                silo.ConfigureEndpoints(IPAddress.Loopback, sp, gp);
            silo.AddRedisGrainStorage(StorageName, o => o.Configure<IServiceProvider>((opts, services) =>
            {
                opts.ConfigurationOptions = RedisSettings.For(redis);
                opts.GrainStorageSerializer = services.GetRequiredService<OrleansGrainStorageSerializer>();
            }));
            silo.UseRedisReminderService(o => o.ConfigurationOptions = RedisSettings.For(redis));
            silo.Services.AddSingleton(_ => new RedisConnection(redis));
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<RedisConnection>());
            silo.Services.AddSingleton<IWardLog>(sp => new RedisWardLog(sp.GetRequiredService<RedisConnection>(),
                sp.GetRequiredService<LogRecordCodec>(), config["Ioc:Cluster:ServiceId"] ?? "hanoi-ioc"));
        }
        silo.Services.AddHostedService<WardWakeup>();
        return silo;
    }

    /// <summary>The wards' logs in <c>ward-log.db</c> of the data folder (the embedded default).</summary>
    public static IServiceCollection AddSqliteWardLog(this IServiceCollection services, string dataPath)
    {
        services.TryAddSingleton<LogRecordCodec>();
        services.AddOptions<WardLogOptions>();
        services.TryAddSingleton<IEventShipper, NoEventShipper>();
        services.AddSingleton<IWardLog>(sp => new SqliteWardLog(Path.Combine(dataPath, "ward-log.db"),
            sp.GetRequiredService<LogRecordCodec>(), sp.GetRequiredService<ILogger<SqliteWardLog>>()));
        return services;
    }

    /// <summary>
    /// With InfluxDB configured, this silo ships its wards' logged events to it (each silo ships the wards
    /// active on it); without, events live in the log only.
    /// </summary>
    private static void AddEventHistory(IServiceCollection services, IConfiguration config)
    {
        if (!services.AddIocInfluxConnection(config))
        {
            services.TryAddSingleton<IEventShipper, NoEventShipper>();
            return;
        }
        services.PostConfigure<WardLogOptions>(o => { if (!o.Readers.Contains(EventShipper.Reader)) o.Readers.Add(EventShipper.Reader); });
        services.AddSingleton<EventShipper>();
        services.AddSingleton<IEventShipper>(sp => sp.GetRequiredService<EventShipper>());
        services.AddHostedService(sp => sp.GetRequiredService<EventShipper>());
    }

    /// <summary>A free loopback port, so several embedded centers (tests) can run side by side.</summary>
    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
