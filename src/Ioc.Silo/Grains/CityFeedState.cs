using Ioc.Grains;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class CityFeedState
{
    [Id(0)] public List<CitySample> Samples { get; set; } = [];
}
