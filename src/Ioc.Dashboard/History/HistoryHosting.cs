using Ioc.History;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.History;

public static class HistoryHosting
{
    /// <summary>
    /// The history store and its <see cref="HistoryRecorder"/> (ward and robot samples). With <c>Ioc:Influx:Url</c>:
    /// InfluxDB (<see cref="InfluxServiceCollectionExtensions.AddIocInflux"/> and the <see cref="InfluxWardHistoryStore"/>).
    /// Without it: <see cref="SqliteWardHistoryStore"/> in the data folder. Business events reach InfluxDB from the
    /// wards' logs, shipped by the silo (<c>Ioc.Silo.History.EventShipper</c>), in every topology.
    /// </summary>
    public static IServiceCollection AddIocHistory(this IServiceCollection services, IConfiguration config)
    {
        var dataPath = config["Ioc:DataPath"] is { Length: > 0 } p ? p : "data";
        services.AddOptions<HistoryOptions>()
            .Bind(config.GetSection(HistoryOptions.Section))
            .Validate(o => o.RecordEvery > TimeSpan.Zero, $"{HistoryOptions.Section}:RecordEvery must be positive.")
            .Validate(o => o.KeepDays >= 8, $"{HistoryOptions.Section}:KeepDays must be at least 8 (today against last week).")
            .ValidateOnStart();

        if (IsConfigured(config))
        {
            // Spilled points belong with the rest of the center's data unless a path is given.
            if (string.IsNullOrWhiteSpace(config[$"{InfluxOptions.SectionName}:{nameof(InfluxOptions.SpillPath)}"]))
                services.PostConfigure<InfluxOptions>(o => o.SpillPath = Path.Combine(dataPath, "influx-spill"));
            // First, so the writer is flushed after the recorder (registered later, stopped earlier) is done.
            services.AddIocInflux(config);
            services.AddSingleton<IWardHistoryStore, InfluxWardHistoryStore>();
        }
        else
        {
            services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SqliteWardHistoryStore>(sp,
                sp.GetRequiredService<IOptions<HistoryOptions>>().Value.Path is { Length: > 0 } file ? file : Path.Combine(dataPath, SqliteWardHistoryStore.FileName)));
            services.AddSingleton<IWardHistoryStore>(sp => sp.GetRequiredService<SqliteWardHistoryStore>());
        }
        services.AddSingleton<HistoryRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<HistoryRecorder>());
        return services;
    }

    /// <summary>True when InfluxDB is configured (<c>Ioc:Influx:Url</c>), the same test as <c>AddIocInflux</c>.</summary>
    public static bool IsConfigured(IConfiguration config) =>
        !string.IsNullOrWhiteSpace(config[$"{InfluxOptions.SectionName}:{nameof(InfluxOptions.Url)}"]);
}
