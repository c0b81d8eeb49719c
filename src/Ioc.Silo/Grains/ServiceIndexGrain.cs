using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Silo.Grains;

public sealed class ServiceIndexGrain(
    [PersistentState("service-index", "ioc")] IPersistentState<ServiceIndexState> store) : Grain, IServiceIndexGrain
{
    private const int DaysKept = 400;

    public async Task Store(Ranking ranking)
    {
        var days = store.State.Days;
        days[ranking.Day] = ranking;
        foreach (var old in days.Keys.Order().Take(Math.Max(0, days.Count - DaysKept)).ToList()) days.Remove(old);
        await store.WriteStateAsync();
    }

    public async Task DayAmended(DateOnly day)
    {
        if (store.State.Amended.Add(day)) await store.WriteStateAsync();
    }

    public async Task<ImmutableArray<DateOnly>> TakeAmendedDays()
    {
        if (store.State.Amended.Count == 0) return [];
        var days = store.State.Amended.Order().ToImmutableArray();
        store.State.Amended.Clear();
        await store.WriteStateAsync();
        return days;
    }

    public Task<Ranking?> Get(DateOnly? day) => Task.FromResult(
        day is { } d ? store.State.Days.GetValueOrDefault(d)
        : store.State.Days.Count == 0 ? null : store.State.Days[store.State.Days.Keys.Max()]);

    public Task<ImmutableArray<DateOnly>> Days() => Task.FromResult(store.State.Days.Keys.Order().ToImmutableArray());
}
