namespace Ioc.Simulator.Model;

/// <summary>The named days <c>Ioc:Simulator:Scenario</c> chooses from (README "Simulator scenarios").</summary>
public enum SimulatorScenario
{
    /// <summary>A working day as the city reports it after iHanoi's online queue numbers.</summary>
    Normal,

    /// <summary>Many more citizens in the morning.</summary>
    MondaySurge,

    /// <summary>Several wards lose most of their desks for hours.</summary>
    DeskOutage,

    /// <summary>One vendor's fleet of robots goes to error, emergency or offline.</summary>
    RobotFault,

    /// <summary>The dossier system goes silent for a while, then sends its backlog late.</summary>
    DossierOutage,
}
