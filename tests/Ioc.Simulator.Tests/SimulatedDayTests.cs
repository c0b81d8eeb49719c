using System.Text.Json;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Simulator.Network;
using Ioc.Time;

namespace Ioc.Simulator.Tests;

/// <summary>The benchmark's entry: a whole day, all units, at full speed, the same for a seed.</summary>
public sealed class SimulatedDayTests
{
    private static string Json(IEnumerable<SimEvent> events) => JsonSerializer.Serialize(events, TelemetryJson.Options);

    private static string Key(IEnumerable<Delivery> deliveries) =>
        string.Join("\n", deliveries.Select(d => $"{d.At.UtcTicks} {d.SentAt.UtcTicks} {d.Kind} {string.Join(",", d.Events.Select(e => e.Id))}"));

    [Theory]
    [InlineData(SimulatorScenario.Normal)]
    [InlineData(SimulatorScenario.MondaySurge)]
    [InlineData(SimulatorScenario.DeskOutage)]
    [InlineData(SimulatorScenario.RobotFault)]
    [InlineData(SimulatorScenario.DossierOutage)]
    public void A_day_is_the_same_for_a_seed_and_differs_for_another(SimulatorScenario scenario)
    {
        var a = Days.Of(scenario, Days.Monday);
        var b = SimulatedDay.Run(Days.Layout(scenario), Days.Monday);
        Assert.Equal(Json(a.Events), Json(b.Events));
        Assert.Equal(Key(a.Deliveries), Key(b.Deliveries));
        var other = SimulatedDay.Run(Days.Layout(scenario, seed: 7), Days.Monday);
        Assert.NotEqual(Json(a.Events), Json(other.Events));
        Assert.NotEqual(Key(a.Deliveries), Key(other.Deliveries));
    }

    [Fact]
    public void Events_are_the_whole_day_in_ts_order_as_the_live_model_emits_them()
    {
        var day = Days.Of(SimulatorScenario.Normal, Days.Monday);
        Assert.All(day.Events, e => Assert.Equal(Days.Monday, HanoiTime.DayOf(e.Ts)));
        for (var i = 1; i < day.Events.Count; i++) Assert.True(day.Events[i].Ts >= day.Events[i - 1].Ts);
        // The same events as advancing the model step by step (the live simulator's way), whatever the batch interval.
        var live = new CitySimulation(Days.Layout(), HanoiTime.StartOf(Days.Monday), runId: "live");
        var stepped = new List<SimEvent>();
        for (var t = HanoiTime.StartOf(Days.Monday); t < HanoiTime.StartOf(Days.Monday.AddDays(1)); t += TimeSpan.FromMinutes(7))
            stepped.AddRange(live.Advance(t));
        stepped.AddRange(live.Advance(HanoiTime.StartOf(Days.Monday.AddDays(1)) - TimeSpan.FromMilliseconds(1)));
        Assert.Equal(Json(day.Events), Json(stepped));
        var fine = SimulatedDay.Run(Days.Layout(), Days.Monday, NetworkOptions.Perfect, TimeSpan.FromSeconds(10));
        Assert.Equal(Json(day.Events), Json(fine.Events));
        Assert.True(fine.Deliveries.Count > day.Deliveries.Count);
    }
}
