using System.Collections.Immutable;

namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record DeviceInfo(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string Kind,
    [property: Id(2)] ImmutableArray<string> Wards,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    public bool MayWrite(string ward) => Wards.Contains(ward);
}
