namespace Ioc.Silo.Wards;

/// <summary>The city's thresholds for ward alerts (section <c>Ioc:Rules</c>).</summary>
public sealed class WardRulesOptions
{
    public const string Section = "Ioc:Rules";

    /// <summary>A dossier is "due soon" this long before its due time.</summary>
    public double DueSoonHours { get; set; } = 24;

    /// <summary>A robot or counter silent this long (wall-clock seconds) is offline.</summary>
    public double DeviceOfflineSeconds { get; set; } = 60;

    /// <summary>A ward with no data this long (wall-clock minutes) during office hours is stale.</summary>
    public double WardStaleMinutes { get; set; } = 10;

    /// <summary>The service-level target for a citizen's wait; longer waits count as over target.</summary>
    public double WaitTargetMinutes { get; set; } = 15;

    public int QueueWarning { get; set; } = 20;
    public int QueueCritical { get; set; } = 40;
    public double WaitWarningMinutes { get; set; } = 30;
    public double WaitCriticalMinutes { get; set; } = 60;
    public double BatteryWarning { get; set; } = 20;
    public double BatteryCritical { get; set; } = 10;

    /// <summary>Service time assumed for a service until the ward has served some tickets of it.</summary>
    public double DefaultServiceMinutes { get; set; } = 8;

    /// <summary>How many recent service times the wait estimate averages.</summary>
    public int ServiceTimeWindow { get; set; } = 20;
}
