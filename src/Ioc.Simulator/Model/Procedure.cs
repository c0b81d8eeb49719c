namespace Ioc.Simulator.Model;

/// <summary>A named administrative procedure and its legal processing time in working days.</summary>
public sealed record Procedure(string Service, string Name, int WorkingDays);
