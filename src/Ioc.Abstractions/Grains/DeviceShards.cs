namespace Ioc.Grains;

/// <summary>How devices and keys are spread over the registry's shards.</summary>
public static class DeviceShards
{
    public const int Count = 256;

    /// <summary>A device's shard, from a stable hash of its id (FNV-1a, the same in every process).</summary>
    public static long OfDevice(string deviceId)
    {
        var h = 2166136261u;
        foreach (var c in deviceId) h = (h ^ c) * 16777619u;
        return h % Count;
    }

    /// <summary>A key hash's shard: its first two hex digits (SHA-256 spreads them evenly).</summary>
    public static long OfKeyHash(string keyHash) =>
        keyHash.Length >= 2 && int.TryParse(keyHash.AsSpan(0, 2), System.Globalization.NumberStyles.HexNumber, null, out var n) ? n % Count : 0;
}
