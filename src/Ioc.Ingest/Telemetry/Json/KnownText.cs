using Ioc.Telemetry;

namespace Ioc.Ingest.Telemetry.Json;

/// <summary>
/// The words telemetry repeats in every event (field names, types, codes): found by their bytes
/// and answered with one shared string, so a batch of 5,000 events does not allocate them 5,000 times.
/// </summary>
internal static class KnownText
{
    private const int Longest = 24;

    // By length: the words of that many bytes.
    private static readonly (byte[] Utf8, string Text, BodyNode Node)[][] ByLength = Build(
    [
        "events", "type", "id", "deviceId", "ward", "ts", "pose", "x", "y", "yaw", "floor", "battery", "mode", "issue", "counter",
        "status", "services", "ticket", "service", "channel", "score", "dossier", "procedure", "dueAt", "digitized", "receivedAt",
        .. EventTypes.All, .. ServiceCodes.All, .. RobotModes.All, .. CounterStatuses.All, .. TicketChannels.All, .. DossierChannels.All, "G",
    ]);

    public static string? Find(ReadOnlySpan<byte> utf8) => Entry(utf8)?.Text;

    /// <summary>The string node of a known word: nodes never change, so one serves every event.</summary>
    public static BodyNode? Node(ReadOnlySpan<byte> utf8) => Entry(utf8)?.Node;

    private static (byte[] Utf8, string Text, BodyNode Node)? Entry(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length is 0 or > Longest) return null;
        foreach (var entry in ByLength[utf8.Length])
            if (utf8.SequenceEqual(entry.Utf8)) return entry;
        return null;
    }

    private static (byte[], string, BodyNode)[][] Build(IEnumerable<string> words)
    {
        var table = new List<(byte[], string, BodyNode)>[Longest + 1];
        for (var i = 0; i <= Longest; i++) table[i] = [];
        foreach (var w in words.Distinct(StringComparer.Ordinal))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(w);
            if (bytes.Length <= Longest) table[bytes.Length].Add((bytes, w, BodyNode.String(w, null)));
        }
        return [.. table.Select(l => l.ToArray())];
    }
}
