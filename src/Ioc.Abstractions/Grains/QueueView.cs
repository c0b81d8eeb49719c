namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record QueueView(
    [property: Id(0)] string Service,
    [property: Id(1)] int Waiting,
    [property: Id(2)] double? OldestWaitingSeconds,
    [property: Id(3)] double? EstimatedWaitSeconds);
