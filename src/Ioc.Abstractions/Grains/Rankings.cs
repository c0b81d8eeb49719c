using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>One unit's place on the service index for a period.</summary>
[GenerateSerializer, Immutable]
public sealed record RankingEntry(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Type,
    [property: Id(3)] int Rank,
    [property: Id(4)] int RankInType,
    [property: Id(5)] ServiceIndexScore Score,
    [property: Id(6)] int DossiersReceived,
    [property: Id(7)] int DossiersResolvedOnTime,
    [property: Id(8)] int DossiersResolvedLate,
    [property: Id(9)] int Ratings,
    [property: Id(10)] int OverdueOpen,
    [property: Id(11)] int DossiersReceivedOnline,
    [property: Id(12)] int DossiersDigitized);

/// <summary>A ranking as computed at one moment: month to date up to <see cref="Day"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record Ranking(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] DateOnly PeriodStart,
    [property: Id(2)] DateTimeOffset ComputedAt,
    [property: Id(3)] ImmutableArray<RankingEntry> Entries);

/// <summary>The service index kept per day (single activation, key 0): the latest computation of each day.</summary>
public interface IServiceIndexGrain : IGrainWithIntegerKey
{
    Task Store(Ranking ranking);

    /// <summary>A ward amended a closed day (a late event): its final index and report are computed again.</summary>
    [Orleans.Concurrency.OneWay]
    Task DayAmended(DateOnly day);

    /// <summary>The closed days amended since they were last computed; taking them clears the list.</summary>
    Task<ImmutableArray<DateOnly>> TakeAmendedDays();

    /// <summary>The ranking of that day, or the newest when <paramref name="day"/> is null.</summary>
    Task<Ranking?> Get(DateOnly? day);

    Task<ImmutableArray<DateOnly>> Days();
}
