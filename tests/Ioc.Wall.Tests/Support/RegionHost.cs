using Ioc.Wards;

namespace Ioc.Wall.Tests.Support;

/// <summary>The center running the whole country (<c>Ioc:Region=vn</c>): 3,321 units, no boundaries outside Hanoi.</summary>
public sealed class CountryHost : WallHost
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(WardDirectory.ConfigKey, WardDirectory.CountryRegion)];
}

/// <summary>The center running one province without boundaries (Huế, <c>Ioc:Region=46</c>).</summary>
public sealed class HueHost : WallHost
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings => [new(WardDirectory.ConfigKey, "46")];
}
