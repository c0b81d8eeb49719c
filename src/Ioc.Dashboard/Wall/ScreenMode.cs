using Ioc.Grains;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// What a screen shows: the center live, or a replay of a past day (cascaded by the wall and ward pages).
/// In a replay a ward's link opens the same replay of that ward, and the figures of devices' states
/// (desks open, robots online) are shown as unknown: those states are not in the wards' logs.
/// </summary>
public sealed record ScreenMode(string? ReplayQuery)
{
    public static readonly ScreenMode Live = new((string?)null);

    public bool IsReplay => ReplayQuery is not null;

    public string WardHref(string code) => ReplayQuery is { } q ? $"replay/wards/{code}?{q}" : $"wards/{code}";

    public FigureInputs Inputs(WardSummary ward) => FigureInputs.Of(ward) with { Devices = !IsReplay };

    public FigureInputs Inputs(CityTotals city) => FigureInputs.Of(city) with { Devices = !IsReplay };
}
