using Ioc.Ingest.Devices;
using Ioc.Ingest.Mqtt;
using Ioc.Ingest.Telemetry;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;

namespace Ioc.Ingest.Hosting;

public static class IngestHosting
{
    /// <summary>The telemetry path's services and the device-key scheme (add to an existing authentication builder).</summary>
    public static IServiceCollection AddIocIngest(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<IngestOptions>().Bind(config.GetSection(IngestOptions.Section));
        services.AddIocRegion(config);
        services.TryAddSingleton(sp => IocClockSetup.FromConfiguration(config));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TelemetryParser>();
        services.TryAddSingleton<ITelemetryDispatcher, TelemetryDispatcher>();
        services.TryAddSingleton<DeviceRateLimiter>();
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<DeviceKeyCache>();
        services.TryAddSingleton<TelemetryIntake>();
        services.AddIocMqtt(config);
        return services;
    }

    /// <summary>
    /// Devices over MQTT (<see cref="MqttOptions"/>): the embedded broker unless <c>Ioc:Mqtt:Broker</c> names
    /// the cluster's; nothing with <c>Ioc:Mqtt:Enabled=false</c>. The check "mqtt" joins /healthz/ready.
    /// </summary>
    private static void AddIocMqtt(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<MqttOptions>().Bind(config.GetSection(MqttOptions.Section));
        var mqtt = config.GetSection(MqttOptions.Section).Get<MqttOptions>() ?? new MqttOptions();
        if (mqtt.Enabled && mqtt.UsesExternalBroker && mqtt.AdminUsername is { Length: > 0 })
            services.TryAddSingleton<IDeviceBrokerAccounts, MosquittoAccounts>();
        services.TryAddSingleton<IDeviceBrokerAccounts, NoBrokerAccounts>();
        if (!mqtt.Enabled || services.Any(s => s.ServiceType == typeof(IMqttTransport))) return;
        if (mqtt.UsesExternalBroker)
        {
            if (!mqtt.Subscribe) return;
            services.AddSingleton<BrokerSubscriber>();
            services.AddSingleton<IMqttTransport>(sp => sp.GetRequiredService<BrokerSubscriber>());
            services.AddHostedService(sp => sp.GetRequiredService<BrokerSubscriber>());
        }
        else
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IMqttTransport>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }
        services.AddHealthChecks().AddCheck<MqttHealthCheck>("mqtt", tags: ["ready"]);
    }

    public static AuthenticationBuilder AddDeviceKey(this AuthenticationBuilder auth) =>
        auth.AddScheme<AuthenticationSchemeOptions, DeviceKeyAuthenticationHandler>(DeviceClaims.Scheme, null);

    /// <summary>
    /// Joins the center's cluster as a client: Redis membership when <c>Ioc:Cluster:Redis</c> is
    /// set, otherwise a silo's gateway on loopback (<c>Ioc:Cluster:GatewayPort</c>, default 30000).
    /// </summary>
    public static IHostApplicationBuilder AddIocClusterClient(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = config["Ioc:Cluster:ClusterId"] ?? "ioc";
                o.ServiceId = config["Ioc:Cluster:ServiceId"] ?? "hanoi-ioc";
            });
            if (config["Ioc:Cluster:Redis"] is { Length: > 0 } redis) client.UseRedisClustering(redis);
            else client.UseLocalhostClustering(config.GetValue<int?>("Ioc:Cluster:GatewayPort") ?? 30000);
        });
        return builder;
    }
}
