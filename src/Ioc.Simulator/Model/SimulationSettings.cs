namespace Ioc.Simulator.Model;

/// <summary>The parameters of the pure day model.</summary>
public sealed record SimulationSettings
{
    public int Seed { get; init; } = 20250701;

    /// <summary>Share of the units (0..1) that have 1–3 queue robots.</summary>
    public double RobotWardShare { get; init; } = 0.35;

    /// <summary>Dossiers received city-wide on a working day.</summary>
    public int DossiersPerDay { get; init; } = 6250;

    /// <summary>
    /// How spread a citizen's service time is around its service's mean (coefficient of variation of a
    /// lognormal). The estimate bench turns it down to show what is chance and what is the forecast.
    /// </summary>
    public double ServiceTimeCv { get; init; } = Catalog.ServiceTimeCv;

    /// <summary>What kind of day it is (README "Simulator scenarios").</summary>
    public SimulatorScenario Scenario { get; init; } = SimulatorScenario.Normal;

    public static SimulationSettings From(SimulatorOptions o) => new()
    {
        Seed = o.Seed,
        RobotWardShare = Math.Clamp(o.RobotWardShare, 0, 1),
        DossiersPerDay = Math.Max(0, o.DossiersPerDay),
        Scenario = SimulatorScenarios.Parse(o.Scenario),
    };
}
