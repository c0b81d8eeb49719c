using System.Globalization;
using Ioc.Wards;

namespace Ioc.Replay;

/// <summary>
/// Which replay a <see cref="IReplayGrain"/> is: the day, its scope (<see cref="City"/> for all units, or one
/// ward's code) and the viewer's session; written <c>2026-11-24/city/{session}</c>.
/// </summary>
public sealed record ReplayKey(DateOnly Day, string Scope, string Session)
{
    public const string City = "city";

    public bool IsCity => Scope == City;

    /// <summary>The units the replay rebuilds, in the region's order.</summary>
    public IEnumerable<WardInfo> Wards(WardDirectory region) => IsCity ? region.All : [region.Get(Scope)];

    public override string ToString() => $"{Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Scope}/{Session}";

    public static ReplayKey Parse(string key)
    {
        var parts = key.Split('/', 3);
        if (parts.Length != 3 || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || parts[1].Length == 0 || parts[2].Length == 0)
            throw new ArgumentException($"Not a replay key: '{key}'.", nameof(key));
        return new ReplayKey(day, parts[1], parts[2]);
    }
}
