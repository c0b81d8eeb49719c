namespace Ioc.Grains;

/// <summary>Ending a silence early: done, no such silence, or a conflict (it had already ended; the silence as it is).</summary>
[GenerateSerializer, Immutable]
public sealed record SilenceEndResult(
    [property: Id(0)] ActionOutcome Outcome,
    [property: Id(1)] Silence? Silence);
