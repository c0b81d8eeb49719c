namespace Ioc.Bench.Forecast;

/// <summary>A hall to forecast in: how many desks, services and citizens waiting.</summary>
internal sealed record HallShape(string Name, int Desks, int Services, int Waiting);
