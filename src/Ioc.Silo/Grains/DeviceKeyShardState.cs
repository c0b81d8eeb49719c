namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class DeviceKeyShardState
{
    [Id(0)] public Dictionary<string, string> DeviceOf { get; set; } = new(StringComparer.Ordinal);
}
