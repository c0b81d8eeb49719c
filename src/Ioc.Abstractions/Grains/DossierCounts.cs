namespace Ioc.Grains;

[GenerateSerializer, Immutable]
public sealed record DossierCounts(
    [property: Id(0)] int Received,
    [property: Id(1)] int ResolvedOnTime,
    [property: Id(2)] int ResolvedLate,
    [property: Id(3)] int InProgress,
    [property: Id(4)] int Overdue,
    [property: Id(5)] int DueSoon,
    [property: Id(6)] int ReceivedOnline,
    [property: Id(7)] int Digitized = 0,
    [property: Id(8)] int TakenInForOthers = 0,
    [property: Id(9)] int ReceivedElsewhere = 0);
