namespace Ioc.Simulator.Model;

/// <summary>The configuration names of <see cref="SimulatorScenario"/>: <c>normal</c>, <c>monday-surge</c>, ...</summary>
public static class SimulatorScenarios
{
    private static readonly (string Name, SimulatorScenario Value)[] Names =
    [
        ("normal", SimulatorScenario.Normal),
        ("monday-surge", SimulatorScenario.MondaySurge),
        ("desk-outage", SimulatorScenario.DeskOutage),
        ("robot-fault", SimulatorScenario.RobotFault),
        ("dossier-outage", SimulatorScenario.DossierOutage),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Names.Select(n => n.Name)];

    public static string NameOf(SimulatorScenario scenario) => Names.First(n => n.Value == scenario).Name;

    /// <summary>Empty means normal; case and surrounding blanks are ignored.</summary>
    public static bool TryParse(string? name, out SimulatorScenario scenario)
    {
        scenario = SimulatorScenario.Normal;
        if (string.IsNullOrWhiteSpace(name)) return true;
        foreach (var (n, v) in Names)
        {
            if (!string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
            scenario = v;
            return true;
        }
        return false;
    }

    public static SimulatorScenario Parse(string? name) => TryParse(name, out var s)
        ? s
        : throw new FormatException($"Ioc:Simulator:Scenario '{name}' is none of {string.Join(", ", All)}.");
}
