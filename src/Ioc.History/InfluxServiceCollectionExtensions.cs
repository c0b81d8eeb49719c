using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.History;

public static class InfluxServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="InfluxConnection"/>, <see cref="InfluxWriter"/>, <see cref="InfluxReader"/>,
    /// <see cref="InfluxSchema"/> and a hosted service (database, retention, flush on stop) — only when
    /// <c>Ioc:Influx:Url</c> is set. Without it nothing is registered and the app keeps its embedded
    /// default history; callers can test for <see cref="InfluxWriter"/> in the container.
    /// The writer is flushed when the host stops and closed when the container is disposed, after every
    /// hosted service that might still write points has stopped.
    /// </summary>
    public static IServiceCollection AddIocInflux(this IServiceCollection services, IConfiguration configuration)
    {
        if (!AddIocInfluxConnection(services, configuration)) return services;
        services.TryAddSingleton(sp => new InfluxWriter(
            sp.GetRequiredService<InfluxConnection>(),
            sp.GetRequiredService<IOptions<InfluxOptions>>().Value,
            sp.GetService<ILogger<InfluxWriter>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<InfluxSchema>()));
        services.TryAddSingleton(sp => new InfluxReader(sp.GetRequiredService<InfluxConnection>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<InfluxHostedService>();
        return services;
    }

    /// <summary>
    /// Only <see cref="InfluxConnection"/> and <see cref="InfluxSchema"/> (for a process that writes but keeps
    /// no queue of its own, such as a silo shipping the wards' logs); false when InfluxDB is not configured.
    /// Safe to call more than once.
    /// </summary>
    public static bool AddIocInfluxConnection(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(InfluxOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(InfluxOptions.Url)])) return false;
        if (services.Any(d => d.ServiceType == typeof(InfluxConnection))) return true;

        services.AddOptions<InfluxOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InfluxOptions>, InfluxOptionsValidator>());

        // PooledConnectionLifetime lets the long-lived client follow DNS changes without handler rotation.
        services.AddHttpClient(InfluxConnection.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new InfluxConnection(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(InfluxConnection.HttpClientName),
            sp.GetRequiredService<IOptions<InfluxOptions>>().Value));
        services.TryAddSingleton(sp => new InfluxSchema(sp.GetRequiredService<InfluxConnection>(), sp.GetService<ILogger<InfluxSchema>>()));
        return true;
    }
}
