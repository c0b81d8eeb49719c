using System.Text;

namespace Ioc.Ingest.Telemetry;

/// <summary>Telemetry-v1's string rules: every string at most 256 characters unless its field says otherwise.</summary>
public static class TextRules
{
    public const int Default = 256;
    public const int Id = 64;
    public const int Issue = 500;
    public const int Procedure = 300;
    /// <summary>A desk label is short: it is shown on the hall plan and keys the desk's grain.</summary>
    public const int Counter = 16;

    /// <summary>Characters as Unicode counts them: a surrogate pair (the text is already checked) is one.</summary>
    public static int Length(string s) => s.Length - CountLowSurrogates(s);

    /// <summary>A device's value quoted in a message: short, with control characters made visible.</summary>
    public static string Echo(string s)
    {
        const int max = 40;
        var b = new StringBuilder(Math.Min(s.Length, max) + 3).Append('\'');
        foreach (var rune in s.EnumerateRunes())
        {
            if (b.Length > max) { b.Append('…'); break; }
            if (Rune.IsControl(rune)) b.Append('?'); else b.Append(rune.ToString());
        }
        return b.Append('\'').ToString();
    }

    private static int CountLowSurrogates(string s)
    {
        var n = 0;
        foreach (var c in s) if (char.IsLowSurrogate(c)) n++;
        return n;
    }
}
