using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>Today's city queue, one sample a minute, for the wall's chart.</summary>
public interface ICitySeries
{
    Task<ImmutableArray<CitySample>> Today();
}
