namespace Ioc.Dashboard.Operations;

/// <summary>Readiness thresholds (section <c>Ioc:Health</c>).</summary>
public sealed class HealthOptions
{
    public const string Section = "Ioc:Health";

    /// <summary>InfluxDB writer backlog (points) from which the center is not ready: history would fall behind for good.</summary>
    public long InfluxBacklogLimit { get; set; } = 100_000;
}
