namespace Ioc.History;

/// <summary>One closed spill file: its order key, where it is and how many complete lines it holds.</summary>
internal sealed record SpillSegment(long Id, string Path, int Lines);
