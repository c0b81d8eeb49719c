namespace Ioc.Silo.Wards;

/// <summary>The receiving ward's newest word on one dossier it took in for another ward.</summary>
[GenerateSerializer, Immutable]
public readonly record struct TakenInEntry([property: Id(0)] long Version, [property: Id(1)] DateOnly Day, [property: Id(2)] bool Taken);
