namespace Ioc.Simulator.Model;

/// <summary>Scenario robot-fault: one robot of the faulty fleet goes to <see cref="Mode"/> (error, emergency, offline) for a while.</summary>
internal sealed record FleetFault(int Ward, int Robot, string Mode, TimeSpan At, double Minutes);
