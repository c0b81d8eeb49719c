namespace Ioc.Dashboard.Jobs;

/// <summary>Scheduled work (section <c>Ioc:Jobs</c>).</summary>
public sealed class JobOptions
{
    public const string Section = "Ioc:Jobs";

    public bool Enabled { get; set; } = true;

    /// <summary>A critical alert nobody acknowledged this long is escalated to city leaders.</summary>
    public double EscalateAfterMinutes { get; set; } = 10;

    /// <summary>Cron (Asia/Ho_Chi_Minh) of the daily report; 17:30 by default.</summary>
    public string DailyReportCron { get; set; } = "30 17 * * *";

    /// <summary>Durable job storage for a cluster: Redis or PostgreSQL connection string; in memory when neither is set.</summary>
    public string? Redis { get; set; }

    public string? Postgres { get; set; }
}
