using Ioc.Grains;
using Ioc.History;
using Ioc.Telemetry;
using Ioc.Time;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.History;

/// <summary>
/// Writes the city's state to InfluxDB every <see cref="HistoryOptions.RecordEvery"/> (wall-clock time):
/// one <c>ward</c> point per ward from the city feed's frame and one <c>robot</c> point per provisioned robot
/// that has reported, all stamped with the business clock's "now". Registered only with InfluxDB.
/// </summary>
public sealed class HistoryRecorder(
    IGrainFactory grains,
    InfluxWriter writer,
    IocClock clock,
    TimeProvider time,
    IOptions<HistoryOptions> options,
    ILogger<HistoryRecorder> logger) : BackgroundService
{
    private bool _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RecordEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RecordOnce();
                    if (_failing) logger.LogInformation("History recording works again");
                    _failing = false;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The silo may still be starting or briefly away; try again next tick, warn once per outage.
                    if (!_failing) logger.LogWarning(e, "Could not record the city's state to InfluxDB; retrying every {Interval}", options.Value.RecordEvery);
                    else logger.LogDebug(e, "History recording still failing");
                    _failing = true;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Queues one point per ward and per reporting robot; returns how many.</summary>
    public async Task<int> RecordOnce()
    {
        var at = clock.GetUtcNow();
        var frameTask = grains.GetGrain<ICityFeedGrain>(0).GetFrame();
        var devices = await grains.GetGrain<IDeviceRegistryGrain>(0).List();
        var robots = devices.Where(d => d.Kind == DeviceKinds.Robot).ToList();
        var views = await Task.WhenAll(robots.Select(r => grains.GetGrain<IRobotGrain>(r.DeviceId).GetView()));
        var frame = await frameTask;

        var points = new List<Point>(frame.Wards.Length + views.Length);
        points.AddRange(frame.Wards.Select(w => HistoryPoints.Ward(w, at)));
        for (var i = 0; i < views.Length; i++)
        {
            if (HistoryPoints.Robot(views[i], robots[i].Wards.FirstOrDefault(), at) is { } point) points.Add(point);
        }

        writer.Write(points);
        return points.Count;
    }
}
