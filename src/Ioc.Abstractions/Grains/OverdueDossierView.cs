namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record OverdueDossierView(
    [property: Id(0)] string Dossier,
    [property: Id(1)] string Procedure,
    [property: Id(2)] string Service,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] double OverdueSeconds);
