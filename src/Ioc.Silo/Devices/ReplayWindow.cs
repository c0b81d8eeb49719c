namespace Ioc.Silo.Devices;

/// <summary>
/// A device's recent state-message ids as 8-byte hashes in a small ring, stored with the device's
/// state: a repeat of one of the last <see cref="Capacity"/> ids is a duplicate, also after a
/// restart. The window is saved together with the state it describes, so an id counts as seen
/// exactly when its effect is in the stored state.
/// </summary>
[GenerateSerializer]
public sealed class ReplayWindow
{
    /// <summary>
    /// A minute of states at one a second, or a retried batch of up to 64: what a device repeats.
    /// A repeat older than that is accepted again and, being older by <c>ts</c>, changes nothing.
    /// </summary>
    public const int Capacity = 64;

    [Id(0)] public ulong[] Hashes { get; set; } = [];
    [Id(1)] public int Next { get; set; }

    /// <summary>False when the id is in the window (a repeat); otherwise remembers it, forgetting the oldest.</summary>
    public bool TryAdd(string id)
    {
        // 0 marks an empty slot.
        var h = Wards.Ids.Hash(id) is var x and not 0 ? x : 1;
        if (Hashes.AsSpan().Contains(h)) return false;
        if (Hashes.Length < Capacity) Hashes = [.. Hashes, .. new ulong[Capacity - Hashes.Length]];
        Hashes[Next] = h;
        Next = (Next + 1) % Capacity;
        return true;
    }
}
