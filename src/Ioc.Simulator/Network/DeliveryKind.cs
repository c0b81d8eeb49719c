namespace Ioc.Simulator.Network;

/// <summary>Why a delivery reaches the center when it does.</summary>
public enum DeliveryKind
{
    /// <summary>Within 1.5 s of sending.</summary>
    OnTime,

    /// <summary>5 s to <see cref="NetworkOptions.MaxDelaySeconds"/> after sending.</summary>
    Late,

    /// <summary>Just after the device's next batch (or after the longest hold when none came).</summary>
    Reordered,

    /// <summary>The same batch again, same ids: a retry after a lost acknowledgement.</summary>
    Repeat,

    /// <summary>Held while its device was silent (scenario dossier-outage), sent when it came back.</summary>
    Backlog,
}
