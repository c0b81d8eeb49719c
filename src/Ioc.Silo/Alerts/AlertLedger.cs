using Ioc.Grains;

namespace Ioc.Silo.Alerts;

/// <summary>
/// A ward's alerts as stored: by id, with the sequence that numbers new ones; the alerts a silence
/// holds back (by cause, raised when it ends if still caused); and the ward's silences.
/// </summary>
[GenerateSerializer]
public sealed class AlertLedger
{
    [Id(0)] public Dictionary<string, Alert> Alerts { get; init; } = new(StringComparer.Ordinal);
    [Id(1)] public int Sequence { get; set; }
    [Id(2)] public Dictionary<string, Alert> Held { get; init; } = new(StringComparer.Ordinal);
    [Id(3)] public Dictionary<string, Silence> Silences { get; init; } = new(StringComparer.Ordinal);
    [Id(4)] public int SilenceSequence { get; set; }
}
