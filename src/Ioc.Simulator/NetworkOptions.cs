namespace Ioc.Simulator;

/// <summary>
/// How the simulated network delivers a device's batches, section <c>Ioc:Simulator:Network</c>.
/// Shares are of batches, 0..1; delays are business time (the clock the center runs on). Defaults:
/// 5 % late, 5 % reordered, 2 % repeated.
/// </summary>
public sealed class NetworkOptions
{
    /// <summary>Share of batches delivered late: 5 s to <see cref="MaxDelaySeconds"/> after the device sent them.</summary>
    public double LateShare { get; set; } = 0.05;

    /// <summary>Longest delay of a late batch, and longest hold of a reordered one, in seconds.</summary>
    public double MaxDelaySeconds { get; set; } = 300;

    /// <summary>
    /// Share of batches held back and delivered just after the device's next batch, so that batch
    /// overtakes them; a device that sends nothing for <see cref="MaxDelaySeconds"/> gets the held batch
    /// delivered then.
    /// </summary>
    public double ReorderShare { get; set; } = 0.05;

    /// <summary>Share of batches delivered twice, with the same ids (a retry after a lost acknowledgement).</summary>
    public double RepeatShare { get; set; } = 0.02;

    /// <summary>A network that delivers everything at once, in order, once.</summary>
    public static NetworkOptions Perfect => new() { LateShare = 0, ReorderShare = 0, RepeatShare = 0 };

    /// <summary>Null when valid, else what is wrong (named by its configuration key).</summary>
    public string? Problem()
    {
        if (LateShare is < 0 or > 1 || double.IsNaN(LateShare)) return "Ioc:Simulator:Network:LateShare must be between 0 and 1";
        if (ReorderShare is < 0 or > 1 || double.IsNaN(ReorderShare)) return "Ioc:Simulator:Network:ReorderShare must be between 0 and 1";
        if (RepeatShare is < 0 or > 1 || double.IsNaN(RepeatShare)) return "Ioc:Simulator:Network:RepeatShare must be between 0 and 1";
        if (LateShare + ReorderShare > 1) return "Ioc:Simulator:Network:LateShare + ReorderShare must be at most 1";
        if (!(MaxDelaySeconds >= Network.NetworkModel.LateAfterSeconds)) return $"Ioc:Simulator:Network:MaxDelaySeconds must be at least {Network.NetworkModel.LateAfterSeconds}";
        return null;
    }
}
