namespace Ioc.Simulator.Model;

/// <summary>Scenario desk-outage: these desks of one hall are out of service between two times of day.</summary>
internal sealed record DeskOutage(int Ward, IReadOnlyList<int> Desks, TimeSpan From, TimeSpan To);
