using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.History;

/// <summary>
/// Creates the database and retention setup at start (retrying in the background while InfluxDB is
/// unreachable, so the silo still starts) and flushes the writer at stop. The writer itself is closed by
/// the container afterwards, so hosted services that stop later can still write (to the spill at worst).
/// </summary>
internal sealed class InfluxHostedService(
    InfluxSchema schema,
    InfluxWriter writer,
    IOptions<InfluxOptions> options,
    ILogger<InfluxHostedService> logger,
    TimeProvider timeProvider) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _setup = Task.CompletedTask;
    private int _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Never holds up the host: the setup runs (and retries) in the background; points written
        // before the database exists are retried by the writer.
        _setup = SetUpAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Hosts may stop a service twice (WebApplicationFactory does, concurrently): only the first stop works.
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _setup.ConfigureAwait(false);
        _stopping.Dispose();
        if (!writer.GetStatus().Connected)
        {
            return; // Nothing to gain from waiting: the backlog stays in the spill.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.ShutdownTimeout);
        try
        {
            await writer.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            logger.LogWarning("InfluxDB writer not flushed at stop ({Error}); the backlog stays in the spill", ex.Message);
        }
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        var delay = options.Value.RetryInitialDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await schema.EnsureAsync(options.Value.EnsureRetention, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
            {
                logger.LogWarning("InfluxDB not reachable for setup ({Error}); retrying in {Delay}", ex.Message, delay);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(delay, timeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.Value.RetryMaxDelay.Ticks));
        }
    }
}
