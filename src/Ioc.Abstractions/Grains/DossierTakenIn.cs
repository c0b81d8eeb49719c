namespace Ioc.Grains;

/// <summary>
/// The responsible ward tells the ward whose service point took a dossier in (<c>receivedAt</c>)
/// that it did, for the day of the receipt. <see cref="Version"/> grows with every event of the
/// dossier, so the receiving ward keeps the newest word on each dossier whatever order notices
/// arrive in, and a repeated notice changes nothing. <see cref="Taken"/> is false when a later word
/// says the dossier was taken in elsewhere after all (an earlier receipt arrived late).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record DossierTakenIn(
    [property: Id(0)] string Responsible,
    [property: Id(1)] string Dossier,
    [property: Id(2)] long Version,
    [property: Id(3)] DateOnly Day,
    [property: Id(4)] bool Taken);
