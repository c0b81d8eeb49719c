namespace Ioc.Dashboard.History;

/// <summary>Settings of the history recorder (section <c>Ioc:History</c>); it runs only with <c>Ioc:Influx:Url</c>.</summary>
public sealed class HistoryOptions
{
    public const string Section = "Ioc:History";

    /// <summary>How often (wall-clock time) every ward and robot is written to InfluxDB.</summary>
    public TimeSpan RecordEvery { get; set; } = TimeSpan.FromSeconds(10);
}
