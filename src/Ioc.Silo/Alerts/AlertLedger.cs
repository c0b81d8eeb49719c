using Ioc.Grains;

namespace Ioc.Silo.Alerts;

/// <summary>A ward's alerts as stored: by id, with the sequence that numbers new ones.</summary>
[GenerateSerializer]
public sealed class AlertLedger
{
    [Id(0)] public Dictionary<string, Alert> Alerts { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public int Sequence { get; set; }
}
