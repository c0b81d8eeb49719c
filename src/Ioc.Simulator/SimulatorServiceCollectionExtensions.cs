using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ioc.Simulator.Model;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Ioc.Wards;

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
        // The units to play: Ioc:Region, as the center it posts to (hanoi, a province code or vn).
        services.AddIocRegion(config);
        services.AddOptions<SimulatorOptions>()
            .Bind(config.GetSection(SimulatorOptions.SectionName))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.DataPath))
                    o.DataPath = Path.Combine(config["Ioc:DataPath"] is { Length: > 0 } root ? root : "data", "simulator");
            })
            .Validate(o => SimulatorScenarios.TryParse(o.Scenario, out _), $"Ioc:Simulator:Scenario must be one of {string.Join(", ", SimulatorScenarios.All)}")
            .Validate(o => o.Network.Problem() is null, "Ioc:Simulator:Network: shares must be 0..1 (LateShare + ReorderShare at most 1), MaxDelaySeconds at least 5")
            .ValidateOnStart();
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
