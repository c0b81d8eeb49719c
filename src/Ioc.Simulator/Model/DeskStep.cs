namespace Ioc.Simulator.Model;

/// <summary>Where a desk is with its current ticket.</summary>
internal enum DeskStep
{
    /// <summary>Called once; the citizen has not come up yet.</summary>
    Called,

    /// <summary>Called a second time after a minute.</summary>
    Recalled,

    /// <summary>The citizen is at the desk.</summary>
    Serving,
}
