using Ioc.History;
using Ioc.Ingest.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ioc.Dashboard.History;

public static class HistoryHosting
{
    /// <summary>
    /// With <c>Ioc:Influx:Url</c>: the InfluxDB client (<see cref="InfluxServiceCollectionExtensions.AddIocInflux"/>)
    /// and the <see cref="HistoryRecorder"/> (ward and robot samples). Business events reach InfluxDB from the
    /// wards' logs, shipped by the silo (<c>Ioc.Silo.History.EventShipper</c>), in every topology.
    /// Without it nothing is registered: history comes from the ward grains' last 24 hours.
    /// </summary>
    public static IServiceCollection AddIocHistory(this IServiceCollection services, IConfiguration config)
    {
        if (!IsConfigured(config)) return services;

        // Spilled points belong with the rest of the center's data unless a path is given.
        if (string.IsNullOrWhiteSpace(config[$"{InfluxOptions.SectionName}:{nameof(InfluxOptions.SpillPath)}"]))
        {
            var dataPath = config["Ioc:DataPath"] is { Length: > 0 } p ? p : "data";
            services.PostConfigure<InfluxOptions>(o => o.SpillPath = Path.Combine(dataPath, "influx-spill"));
        }

        // First, so the writer is flushed after the recorder (registered later, stopped earlier) is done.
        services.AddIocInflux(config);
        services.AddOptions<HistoryOptions>()
            .Bind(config.GetSection(HistoryOptions.Section))
            .Validate(o => o.RecordEvery > TimeSpan.Zero, $"{HistoryOptions.Section}:RecordEvery must be positive.")
            .ValidateOnStart();
        services.AddSingleton<HistoryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryRecorder>());
        return services;
    }

    /// <summary>True when InfluxDB is configured (<c>Ioc:Influx:Url</c>), the same test as <c>AddIocInflux</c>.</summary>
    public static bool IsConfigured(IConfiguration config) =>
        !string.IsNullOrWhiteSpace(config[$"{InfluxOptions.SectionName}:{nameof(InfluxOptions.Url)}"]);
}
