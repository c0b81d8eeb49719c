using System.Collections.Immutable;

namespace Ioc.Grains;

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
