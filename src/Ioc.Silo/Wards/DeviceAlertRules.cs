using Ioc.Grains;
using Ioc.Silo.Alerts;
using Ioc.Telemetry;

namespace Ioc.Silo.Wards;

/// <summary>The alerts a ward raises for its robots and desks when they tell it something changed.</summary>
public sealed class DeviceAlertRules(WardRulesOptions rules)
{
    public bool Robot(RobotView robot, AlertBook alerts)
    {
        var id = robot.DeviceId;
        var changed = robot.Online
            ? alerts.Clear($"{AlertKinds.RobotOffline}:{id}")
            : alerts.Raise($"{AlertKinds.RobotOffline}:{id}", AlertKinds.RobotOffline, AlertSeverities.Warning, id);
        var charging = robot.Mode is "charging" or "docked";
        changed |= robot.Online && !charging && robot.Battery is { } b && b < rules.BatteryWarning
            ? alerts.Raise($"{AlertKinds.RobotBatteryLow}:{id}", AlertKinds.RobotBatteryLow,
                b < rules.BatteryCritical ? AlertSeverities.Critical : AlertSeverities.Warning, id,
                figure: b < rules.BatteryCritical ? rules.BatteryCritical : rules.BatteryWarning)
            : alerts.Clear($"{AlertKinds.RobotBatteryLow}:{id}");
        changed |= robot.Mode switch
        {
            // An emergency stop must be confirmed by a person before the alert goes away.
            "emergency" => alerts.Raise($"{AlertKinds.RobotError}:{id}", AlertKinds.RobotError, AlertSeverities.Critical, id,
                detail: Issue(robot), needsConfirmation: true),
            "error" => alerts.Raise($"{AlertKinds.RobotError}:{id}", AlertKinds.RobotError, AlertSeverities.Warning, id,
                detail: Issue(robot)),
            _ => alerts.Clear($"{AlertKinds.RobotError}:{id}"),
        };
        return changed;
    }

    private static string? Issue(RobotView robot) => string.IsNullOrWhiteSpace(robot.Issue) ? null : robot.Issue;

    public bool Counter(CounterView counter, AlertBook alerts)
    {
        var cause = $"{AlertKinds.CounterOffline}:{counter.Counter}";
        // A desk closed for the day may be switched off; only a working desk going silent matters.
        return !counter.Online && counter.Status != CounterStatuses.Closed
            ? alerts.Raise(cause, AlertKinds.CounterOffline, AlertSeverities.Warning, counter.Counter)
            : alerts.Clear(cause);
    }
}
