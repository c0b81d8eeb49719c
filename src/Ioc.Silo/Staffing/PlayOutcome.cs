namespace Ioc.Silo.Staffing;

/// <summary>The waits of the citizens counted in one played future: their sum, the longest, how many.</summary>
public readonly record struct PlayOutcome(double TotalWaitSeconds, double LongestWaitSeconds, int Citizens);
