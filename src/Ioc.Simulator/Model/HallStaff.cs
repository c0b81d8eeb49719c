namespace Ioc.Simulator.Model;

/// <summary>A hall's desks: what each serves, which are general (flex) desks, and each clerk's pace.</summary>
internal sealed record HallStaff(string[][] Services, bool[] Flex, double[] Speeds);
