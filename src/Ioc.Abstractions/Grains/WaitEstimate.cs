namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record WaitEstimate(
    [property: Id(0)] string Service,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int CountersServing,
    [property: Id(3)] double? EstimatedWaitSeconds,
    [property: Id(4)] string Basis);
