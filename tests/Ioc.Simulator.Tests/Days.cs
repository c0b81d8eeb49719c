using System.Collections.Concurrent;
using Ioc.Simulator.Model;

namespace Ioc.Simulator.Tests;

/// <summary>Whole simulated days, run once per test process and shared by the test classes.</summary>
internal static class Days
{
    /// <summary>A Monday and a Wednesday in the city's reporting period (from 1 July 2025).</summary>
    public static readonly DateOnly Monday = new(2025, 7, 7);

    public static readonly DateOnly Wednesday = new(2025, 7, 9);

    private static readonly ConcurrentDictionary<(SimulatorScenario, int, DateOnly), Lazy<SimulatedDay>> Runs = new();

    public static CityLayout Layout(SimulatorScenario scenario = SimulatorScenario.Normal, int seed = 20250701) =>
        CityLayout.Build(new SimulationSettings { Seed = seed, Scenario = scenario });

    /// <summary>The day with the default network (5 % late, 5 % reordered, 2 % repeated).</summary>
    public static SimulatedDay Of(SimulatorScenario scenario, DateOnly day, int seed = 20250701) =>
        Runs.GetOrAdd((scenario, seed, day), _ => new Lazy<SimulatedDay>(() => SimulatedDay.Run(Layout(scenario, seed), day))).Value;
}
