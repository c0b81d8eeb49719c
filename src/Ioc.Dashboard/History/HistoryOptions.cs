namespace Ioc.Dashboard.History;

/// <summary>Settings of the history recorder and store (section <c>Ioc:History</c>).</summary>
public sealed class HistoryOptions
{
    public const string Section = "Ioc:History";

    /// <summary>
    /// How often (wall-clock time) the city's state is recorded. On a sped-up demo clock the recorder also
    /// records at least twice a business minute, so every minute has its sample.
    /// </summary>
    public TimeSpan RecordEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Days of minute samples the SQLite store keeps before today (InfluxDB keeps what its retention says).</summary>
    public int KeepDays { get; set; } = 35;

    /// <summary>The SQLite store's file; default <c>{Ioc:DataPath}/history.db</c>.</summary>
    public string? Path { get; set; }
}
