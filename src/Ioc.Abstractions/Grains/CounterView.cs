using System.Collections.Immutable;

namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record CounterView(
    [property: Id(0)] string Counter,
    [property: Id(1)] string Status,
    [property: Id(2)] ImmutableArray<string> Services,
    [property: Id(3)] string? CurrentTicket,
    [property: Id(4)] int ServedToday,
    [property: Id(5)] DateTimeOffset? LastSeen,
    [property: Id(6)] bool Online,
    [property: Id(7)] string? DeviceId,
    [property: Id(8)] int RatingsToday = 0,
    [property: Id(9)] int RatingSumToday = 0,
    [property: Id(10)] int RatingsLowToday = 0,
    [property: Id(11)] int RatingsGoodToday = 0)
{
    /// <summary>Today's mean score of the ratings that named this desk (exact sums; rounded where shown).</summary>
    public double? SatisfactionToday => RatingsToday > 0 ? (double)RatingSumToday / RatingsToday : null;
}
