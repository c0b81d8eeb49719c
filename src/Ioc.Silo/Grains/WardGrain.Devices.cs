using Ioc.Grains;

namespace Ioc.Silo.Grains;

/// <summary>The ward's devices: what robots and desks report, provisioning, and liveness after a restart.</summary>
public sealed partial class WardGrain
{
    // ---- devices -------------------------------------------------------------------------

    public Task ReportRobot(RobotView robot)
    {
        var before = S.Desks.Robots.GetValueOrDefault(robot.DeviceId);
        S.Desks.Robots[robot.DeviceId] = robot.Trail.IsDefaultOrEmpty ? robot : robot with { Trail = [] };
        var alertsChanged = _deviceRules.Robot(robot, _alerts);
        if (alertsChanged || before is null || before.Online != robot.Online) return DeviceChanged(alertsChanged);
        // It moved or its battery went down a little: the detail changed, not the wall's line (no write of its own).
        S.LastHeardReal = RealNow;
        _live.DetailChanged();
        Publish();
        return Task.CompletedTask;
    }

    public Task ReportCounter(CounterView counter)
    {
        S.Desks.Report(counter, Now);
        return DeviceChanged(_deviceRules.Counter(counter, _alerts));
    }

    /// <summary>A device state is a gauge: stored with the next write, at once only when an alert changed.</summary>
    private async Task DeviceChanged(bool alertsChanged)
    {
        S.LastHeardReal = RealNow;
        MarkChanged();
        if (alertsChanged) await SaveIfDirty();
        Publish();
    }

    public async Task RegisterDevice(string deviceId, string kind)
    {
        var added = kind switch
        {
            Ioc.Telemetry.DeviceKinds.Robot => S.Desks.RegisteredRobots.Add(deviceId),
            Ioc.Telemetry.DeviceKinds.Counter => S.Desks.RegisteredCounters.Add(deviceId),
            _ => false,
        };
        if (!added) return;
        _live.Changed();
        await Commit();
        Publish();
    }

    /// <summary>
    /// After a restart the devices are not active and no sweep watches them: each device this ward
    /// last heard of as online is asked to report, so one that fell silent meanwhile is shown offline.
    /// </summary>
    private void CheckDevicesShownOnline()
    {
        foreach (var r in S.Desks.Robots.Values.Where(r => r.Online))
            GrainFactory.GetGrain<IRobotGrain>(r.DeviceId).AsReference<IDeviceTick>().Tick().Ignore();
        foreach (var c in S.Desks.Counters.Values.Where(c => c.Online))
            GrainFactory.GetGrain<ICounterGrain>(ICounterGrain.KeyOf(_ward.Code, c.Counter)).AsReference<IDeviceTick>().Tick().Ignore();
    }
}
