using Ioc.Grains;

namespace Ioc.Dashboard.Live;

/// <summary>The body of a <c>wall</c> frame (every ward the connection may see) or a <c>wallDelta</c> (the ones that changed).</summary>
public sealed record WallMessage(DateTimeOffset At, IReadOnlyList<WardSummary> Wards, CityTotals Totals, int AlertsOpen);
