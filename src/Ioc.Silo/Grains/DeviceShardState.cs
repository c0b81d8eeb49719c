namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class DeviceShardState
{
    [Id(0)] public Dictionary<string, Ioc.Grains.DeviceInfo> Devices { get; set; } = new(StringComparer.Ordinal);
    /// <summary>SHA-256 of each device's current key. The key itself is never stored.</summary>
    [Id(1)] public Dictionary<string, string> KeyHashOf { get; set; } = new(StringComparer.Ordinal);
}
