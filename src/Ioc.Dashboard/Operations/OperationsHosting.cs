using Ioc.Ingest.Telemetry;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ioc.Dashboard.Operations;

/// <summary>
/// What an operations team watches: health endpoints (<see cref="IocHealth"/>) and OpenTelemetry metrics for
/// Prometheus at <c>/metrics</c> (<see cref="MetricsOptions"/> says who may scrape): the center's own meters
/// (<see cref="IngestMetrics"/>, <see cref="LiveMetrics"/>, <see cref="HistoryMetrics"/>) and Orleans'
/// <c>Microsoft.Orleans</c> meter (activations, grains by type, messaging).
/// </summary>
public static class OperationsHosting
{
    public const string OrleansMeter = "Microsoft.Orleans";

    public static IServiceCollection AddIocOperations(this IServiceCollection services, IConfiguration config, bool embedded)
    {
        services.AddOptions<HealthOptions>().Bind(config.GetSection(HealthOptions.Section));
        services.AddOptions<MetricsOptions>().Bind(config.GetSection(MetricsOptions.Section));
        var checks = services.AddHealthChecks()
            .AddCheck<ClusterHealthCheck>("cluster", tags: [IocHealth.Ready])
            .AddCheck<HistoryHealthCheck>("history", tags: [IocHealth.Ready]);
        if (embedded) checks.AddCheck<GrainStorageHealthCheck>("storage", tags: [IocHealth.Ready]);

        services.AddSingleton<LiveMetrics>();
        services.AddScoped<CircuitHandler, CircuitMetrics>();
        services.AddSingleton(sp => sp.GetService<Ioc.History.InfluxWriter>() is { } writer
            ? new HistoryMetrics(sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), writer) : null!);

        if (config.GetSection(MetricsOptions.Section).Get<MetricsOptions>() is { Enabled: false }) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("hanoi-ioc"))
            .WithMetrics(m => m
                .AddMeter(IngestMetrics.MeterName, LiveMetrics.MeterName, HistoryMetrics.MeterName, OrleansMeter)
                .AddPrometheusExporter());
        return services;
    }

    /// <summary>The health endpoints (anonymous, no detail but for admins) and the gated scraping endpoint.</summary>
    public static WebApplication MapIocOperations(this WebApplication app)
    {
        app.MapHealthChecks(IocHealth.LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.Write })
            .AllowAnonymous();
        app.MapHealthChecks(IocHealth.ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(IocHealth.Ready), ResponseWriter = HealthResponse.Write })
            .AllowAnonymous();

        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled) return app;
        // Observable gauges exist only once their owner is made: make the InfluxDB writer's now.
        app.Services.GetService<HistoryMetrics>();
        app.MapPrometheusScrapingEndpoint(options.Path).AllowAnonymous();
        return app;
    }
}
