using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Ioc.Grains;

/// <summary>What the wall shows at one instant: every ward's line and the city strip.</summary>
[GenerateSerializer, Immutable]
public sealed record WallFrame(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] ImmutableArray<WardSummary> Wards,
    [property: Id(2)] CityTotals Totals,
    [property: Id(3)] int AlertsOpen)
{
    /// <summary>The same frame as one ward chief may see it: their ward only.</summary>
    public WallFrame For(string ward)
    {
        var own = Wards.Where(w => w.Code == ward).ToImmutableArray();
        return this with { Wards = own, Totals = CityTotals.From(own), AlertsOpen = own.Sum(w => w.AlertsOpen) };
    }
}

/// <summary>One minute of the city's queue, kept for today's chart.</summary>
[GenerateSerializer, Immutable]
public sealed record CitySample(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double? AvgWaitSeconds,
    [property: Id(3)] int Overdue);

/// <summary>
/// A Dashboard process listening to the city (the GPSTracker pattern): each process registers
/// one observer and re-registers it before it expires; it forwards to its SignalR clients.
/// </summary>
public interface IWallObserver : IGrainObserver
{
    Task OnWall(WallFrame frame);

    Task OnAlert(Alert alert);
}

/// <summary>
/// The city's live feed (single activation, key 0): latest summaries of all wards, pushed to
/// observers at most four times a second and only when something changed.
/// </summary>
public interface ICityFeedGrain : IGrainWithIntegerKey
{
    Task Subscribe(IWallObserver observer);

    Task Unsubscribe(IWallObserver observer);

    [OneWay]
    Task WardChanged(WardSummary summary);

    [OneWay]
    Task AlertChanged(Alert alert);

    Task<WallFrame> GetFrame();

    /// <summary>Today's city queue, one sample a minute (business clock), for the wall's chart.</summary>
    Task<ImmutableArray<CitySample>> GetToday();
}
