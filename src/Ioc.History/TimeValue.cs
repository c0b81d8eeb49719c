namespace Ioc.History;

/// <summary>One bucket of a history series: the bucket start and its aggregated value.</summary>
public readonly record struct TimeValue(DateTimeOffset Time, double Value);
