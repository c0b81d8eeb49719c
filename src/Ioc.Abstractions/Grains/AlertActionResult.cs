namespace Ioc.Grains;

/// <summary>An action on one alert: done, no such alert, or a conflict with what someone did first (the alert as it is).</summary>
[GenerateSerializer, Immutable]
public sealed record AlertActionResult(
    [property: Id(0)] string AlertId,
    [property: Id(1)] ActionOutcome Outcome,
    [property: Id(2)] Alert? Alert);
