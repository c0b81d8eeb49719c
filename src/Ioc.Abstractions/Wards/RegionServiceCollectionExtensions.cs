using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ioc.Wards;

public static class RegionServiceCollectionExtensions
{
    /// <summary>
    /// The region's <see cref="WardDirectory"/> from <c>Ioc:Region</c>, once per host (silo, ingest,
    /// dashboard and simulator of one process share it). A bad value stops start-up with the choices.
    /// </summary>
    public static IServiceCollection AddIocRegion(this IServiceCollection services, IConfiguration config)
    {
        services.TryAddSingleton(_ => WardDirectory.FromConfiguration(config));
        return services;
    }
}
