using Ioc.Grains;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.History;

/// <summary>
/// Records the city's state in the history store (<see cref="IWardHistoryStore"/>) every
/// <see cref="HistoryOptions.RecordEvery"/> of wall-clock time, and at least twice a business minute on a
/// sped-up clock: the city feed's frame, one sample per ward, stamped with the business clock's "now".
/// </summary>
public sealed class HistoryRecorder(
    IGrainFactory grains,
    IWardHistoryStore store,
    IocClock clock,
    TimeProvider time,
    IOptions<HistoryOptions> options,
    ILogger<HistoryRecorder> logger) : BackgroundService
{
    private bool _failing;

    /// <summary>The recording period: <see cref="HistoryOptions.RecordEvery"/>, shorter on a fast demo clock.</summary>
    public TimeSpan Period
    {
        get
        {
            var halfMinute = clock.ToReal(TimeSpan.FromSeconds(30));
            return halfMinute < options.Value.RecordEvery ? halfMinute : options.Value.RecordEvery;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            do
            {
                try
                {
                    await RecordOnce(stoppingToken);
                    if (_failing) logger.LogInformation("History recording works again");
                    _failing = false;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The silo may still be starting or briefly away; try again next tick, warn once per outage.
                    if (!_failing) logger.LogWarning(e, "Could not record the city's state ({Store}); retrying every {Interval}", store.Source, Period);
                    else logger.LogDebug(e, "History recording still failing");
                    _failing = true;
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Records the city's state once, at the business clock's "now".</summary>
    public async Task RecordOnce(CancellationToken cancellationToken = default)
    {
        var at = clock.GetUtcNow();
        var frame = await grains.GetGrain<ICityFeedGrain>(0).GetFrame();
        await store.Record(frame.Wards, at, cancellationToken);
    }
}
