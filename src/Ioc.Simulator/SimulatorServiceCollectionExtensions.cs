using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ioc.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SimulatorOptions"/> (bound to <c>Ioc:Simulator</c>) and the
    /// <see cref="SimulatorWorker"/> hosted service. The worker uses the <see cref="Ioc.Time.IocClock"/>
    /// registered in DI (the machine clock if none) and re-reads the options every second until
    /// BaseUrl and AdminPassword are set, so a host may fill them late, e.g. with
    /// <c>services.PostConfigure&lt;SimulatorOptions&gt;(...)</c> once its server address is known.
    /// </summary>
    public static IServiceCollection AddIocSimulator(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        services.AddOptions<SimulatorOptions>()
            .Bind(config.GetSection(SimulatorOptions.SectionName))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.DataPath))
                    o.DataPath = Path.Combine(config["Ioc:DataPath"] is { Length: > 0 } root ? root : "data", "simulator");
            });
        services.TryAddSingleton<SimulatorHttpHandlerFactory>(_ => new SimulatorHttpHandlerFactory(null));
        services.AddHostedService<SimulatorWorker>();
        return services;
    }

    /// <summary>
    /// Same as <see cref="AddIocSimulator(IServiceCollection, IConfiguration)"/>, with the HTTP handler the
    /// simulator sends through (e.g. an in-memory test server's handler).
    /// </summary>
    public static IServiceCollection AddIocSimulator(this IServiceCollection services, IConfiguration config, Func<IServiceProvider, HttpMessageHandler> handlerFactory)
    {
        ArgumentNullException.ThrowIfNull(handlerFactory);
        services.AddSingleton(sp => new SimulatorHttpHandlerFactory(() => handlerFactory(sp)));
        return services.AddIocSimulator(config);
    }
}

/// <summary>
/// Makes the handler the simulator's HttpClient uses; the default is a pooled SocketsHttpHandler
/// (owned and disposed by the simulator). A handler from a custom factory is never disposed by it.
/// </summary>
public sealed class SimulatorHttpHandlerFactory(Func<HttpMessageHandler>? create)
{
    public bool OwnsHandlers => create is null;

    public HttpMessageHandler Create(int maxConnections) => create?.Invoke() ?? new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        MaxConnectionsPerServer = Math.Max(2, maxConnections),
        AutomaticDecompression = System.Net.DecompressionMethods.All,
    };
}
