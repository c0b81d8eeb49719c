namespace Ioc.Grains;

/// <summary>One unit's place on the service index for a period.</summary>
[GenerateSerializer, Immutable]
public sealed record RankingEntry(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Type,
    [property: Id(3)] int Rank,
    [property: Id(4)] int RankInType,
    [property: Id(5)] ServiceIndexScore Score,
    [property: Id(6)] int DossiersReceived,
    [property: Id(7)] int DossiersResolvedOnTime,
    [property: Id(8)] int DossiersResolvedLate,
    [property: Id(9)] int Ratings,
    [property: Id(10)] int OverdueOpen,
    [property: Id(11)] int DossiersReceivedOnline,
    [property: Id(12)] int DossiersDigitized);
