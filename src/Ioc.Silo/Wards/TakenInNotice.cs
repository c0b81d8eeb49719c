using Ioc.Grains;

namespace Ioc.Silo.Wards;

/// <summary>A word the responsible ward owes a receiving ward; kept (and stored) until that ward has stored it.</summary>
[GenerateSerializer, Immutable]
public sealed record TakenInNotice([property: Id(0)] string Receiver, [property: Id(1)] DossierTakenIn Notice)
{
    /// <summary>One outstanding word per receiving ward and dossier: a newer one replaces an older.</summary>
    public string Key => $"{Receiver}|{Notice.Dossier}";
}
