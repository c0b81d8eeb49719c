namespace Ioc.Telemetry;

/// <summary>The one shared string of a word telemetry repeats (a mode, a status), so a device's state holds no copy of its own.</summary>
public static class Words
{
    public static string Shared(IReadOnlyList<string> words, string value)
    {
        // A loop, not LINQ: this runs for every state a device sends.
        for (var i = 0; i < words.Count; i++)
            if (string.Equals(words[i], value, StringComparison.Ordinal)) return words[i];
        return value;
    }
}
