using System.Collections.Immutable;
using System.Diagnostics;
using Ioc.Grains;
using Ioc.Time;
using Ioc.Wards;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class CityFeedState
{
    [Id(0)] public List<CitySample> Samples { get; set; } = [];
}
