using Ioc.Grains;

namespace Ioc.Silo.Grains;

[GenerateSerializer]
public sealed class ServiceIndexState
{
    [Id(0)] public Dictionary<DateOnly, Ranking> Days { get; set; } = [];
    /// <summary>Closed days a ward amended since their index was last computed.</summary>
    [Id(1)] public HashSet<DateOnly> Amended { get; set; } = [];
}
