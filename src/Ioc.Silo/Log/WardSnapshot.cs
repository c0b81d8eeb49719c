using Ioc.Silo.Wards;

namespace Ioc.Silo.Log;

/// <summary>The ward's ledger and what it learned, as of one position of its log.</summary>
[GenerateSerializer]
public sealed class WardSnapshot
{
    [Id(0)] public long Seq { get; init; }
    [Id(1)] public WardLedger Ledger { get; init; } = new();
    [Id(2)] public ServiceTimeModel Learned { get; init; } = new();
}
