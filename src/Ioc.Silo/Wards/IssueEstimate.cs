namespace Ioc.Silo.Wards;

/// <summary>
/// What a citizen was told when the ticket was issued (<see cref="Told"/>, seconds) and the hall's
/// forecast it came from before the ward's learned correction (<see cref="Forecast"/>): the correction
/// learns from the forecast, the figures judge what was told.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct IssueEstimate([property: Id(0)] int Told, [property: Id(1)] int Forecast);
