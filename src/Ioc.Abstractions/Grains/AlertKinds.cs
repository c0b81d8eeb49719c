namespace Ioc.Grains;

public static class AlertKinds
{
    public const string DossierOverdue = "dossier-overdue";
    public const string DossierDueSoon = "dossier-due-soon";
    public const string QueueLong = "queue-long";
    public const string WaitLong = "wait-long";
    public const string RobotOffline = "robot-offline";
    public const string RobotBatteryLow = "robot-battery-low";
    public const string RobotError = "robot-error";
    public const string CounterOffline = "counter-offline";
    public const string WardStale = "ward-stale";
    /// <summary>A citizen rated the service 1 or 2 (see <see cref="RatingAlertRule"/>).</summary>
    public const string RatingLow = "rating-low";
    /// <summary>Several low ratings at one desk within a short time.</summary>
    public const string RatingLowRun = "rating-low-run";

    public static readonly IReadOnlyList<string> All =
        [DossierOverdue, DossierDueSoon, QueueLong, WaitLong, RobotOffline, RobotBatteryLow, RobotError, CounterOffline, WardStale,
            RatingLow, RatingLowRun];
}
