namespace Ioc.Silo.Log;

/// <summary>The wards' logs (section <c>Ioc:Log</c>).</summary>
public sealed class WardLogOptions
{
    public const string Section = "Ioc:Log";

    /// <summary>Days of log kept for replaying a past day and for late events amending it.</summary>
    public int KeepDays { get; set; } = 35;

    /// <summary>Readers whose position the log waits for before forgetting records (set by the hosting).</summary>
    public List<string> Readers { get; set; } = [];
}
