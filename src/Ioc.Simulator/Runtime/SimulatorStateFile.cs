using Ioc.Simulator.Model;

namespace Ioc.Simulator.Runtime;

/// <summary>The file <c>simulator-state.json</c>: open dossiers with their planned pauses and resolutions.</summary>
public sealed class SimulatorStateFile
{
    public int Version { get; set; } = 1;
    public int Seed { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public List<DossierRecord> Dossiers { get; set; } = [];
}
