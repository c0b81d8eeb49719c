namespace Ioc.Silo.Staffing;

/// <summary>When a move is worth advising (section <c>Ioc:Staffing</c>).</summary>
public sealed class AdvisorOptions
{
    public const string Section = "Ioc:Staffing";

    /// <summary>How long a move holds ("for the next hour"), and how far ahead arrivals are counted.</summary>
    public double HorizonMinutes { get; set; } = 60;

    /// <summary>A move must save at least this much waiting per citizen counted, on average.</summary>
    public double MinSavedPerCitizenSeconds { get; set; } = 90;

    /// <summary>...and at least this much in all (citizen-seconds), so a near-empty hall gets no advice.</summary>
    public double MinSavedSeconds { get; set; } = 1800;

    /// <summary>A move may not lengthen the expected longest wait by more than this (nobody is left behind for the many).</summary>
    public double MaxLongerWorstSeconds { get; set; } = 300;

    /// <summary>Futures drawn to judge a move; the first <see cref="ScreenRuns"/> of them screen every candidate.</summary>
    public int Runs { get; set; } = 64;

    public int ScreenRuns { get; set; } = 16;

    /// <summary>Candidates judged on all runs after screening, and advices shown at most (one per desk).</summary>
    public int Finalists { get; set; } = 5;

    public int MaxAdvice { get; set; } = 3;

    /// <summary>Services a moved or opened desk is considered for: those with the most citizens waiting.</summary>
    public int TargetServices { get; set; } = 3;
}
