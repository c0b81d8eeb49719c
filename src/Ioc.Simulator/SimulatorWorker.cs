using Ioc.Simulator.Http;
using Ioc.Simulator.Runtime;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Simulator;

/// <summary>
/// The hosted simulator: waits (polling every second) until BaseUrl and the admin password are set
/// and the center issues a token, then runs <see cref="SimulatorRunner"/>; restarts it after a failure.
/// </summary>
public sealed class SimulatorWorker : BackgroundService
{
    private readonly IOptionsFactory<SimulatorOptions> _options;
    private readonly IocClock _clock;
    private readonly SimulatorHttpHandlerFactory _handlers;
    private readonly WardDirectory _wards;
    private readonly ILogger<SimulatorWorker> _logger;

    public SimulatorWorker(IOptionsFactory<SimulatorOptions> options, IServiceProvider services, ILogger<SimulatorWorker> logger)
    {
        _options = options;
        _clock = services.GetService<IocClock>() ?? IocClock.Machine;
        _handlers = services.GetService<SimulatorHttpHandlerFactory>() ?? new SimulatorHttpHandlerFactory(null);
        _wards = services.GetRequiredService<WardDirectory>();
        _logger = logger;
    }

    /// <summary>The running simulation's counters (null while waiting for the center).</summary>
    public SimulatorStats? Stats { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var waitingLogged = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            // Re-created every time (not cached) so values a host sets late are seen.
            var o = _options.Create(Options.DefaultName);
            if (!o.Enabled)
            {
                _logger.LogInformation("Simulator disabled (Ioc:Simulator:Enabled=false)");
                return;
            }
            if (o.IsReady)
            {
                using var http = new HttpClient(_handlers.Create(o.MaxConcurrentRequests * 2), disposeHandler: _handlers.OwnsHandlers)
                {
                    BaseAddress = new Uri(o.BaseUrl!.TrimEnd('/') + "/"),
                    Timeout = TimeSpan.FromSeconds(30),
                };
                var api = new IocApiClient(http, o.AdminUsername!, o.AdminPassword!, o.MaxConcurrentRequests, _clock.Real, _logger);
                if (await api.TryAuthenticateAsync(stoppingToken).ConfigureAwait(false))
                {
                    var store = string.IsNullOrWhiteSpace(o.DataPath) ? null : new SimulatorStateStore(o.DataPath, _logger);
                    var runner = new SimulatorRunner(o, _clock, api, _logger, store, _wards.All);
                    Stats = runner.Stats;
                    try
                    {
                        await runner.RunAsync(stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception ex)
                    {
                        _logger.LogError(ex, "Simulator stopped by an error; restarting in 5 s");
                        await Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
                    }
                    continue;
                }
            }
            if (!waitingLogged)
            {
                _logger.LogInformation("Simulator waiting for Ioc:Simulator:BaseUrl, AdminPassword and the center's /api/v1/auth/token");
                waitingLogged = true;
            }
            await Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, _clock.Real, ct).ConfigureAwait(false); }
        catch (OperationCanceledException) { }
    }
}
