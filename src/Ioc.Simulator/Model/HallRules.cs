namespace Ioc.Simulator.Model;

/// <summary>
/// How the simulated desks call citizens: the shares and delays <see cref="HallSimulation"/> draws
/// from, public so a benchmark can tell a forecast the simulator's truth without copying it.
/// </summary>
public static class HallRules
{
    /// <summary>Share of calls the citizen does not answer at once: the desk calls again.</summary>
    public const double RecallShare = 0.06;

    /// <summary>Share of re-called citizens who then come; the others are no-shows.</summary>
    public const double ServedAfterRecall = 0.45;

    /// <summary>Seconds a desk waits before a re-call, and again before it marks a no-show (uniform).</summary>
    public const double RecallWaitMinSeconds = 45, RecallWaitMaxSeconds = 75;

    /// <summary>Seconds a clerk files a citizen's papers before calling the next one (uniform).</summary>
    public const double FilingMinSeconds = 10, FilingMaxSeconds = 40;
}
