namespace Ioc.Grains;

/// <summary>What accepting an advice did: recorded, no such advice now, or someone accepted it already (who, when).</summary>
[GenerateSerializer, Immutable]
public sealed record AdviceAcceptance(
    [property: Id(0)] AdviceOutcome Outcome,
    [property: Id(1)] AcceptedAdvice? Accepted);
