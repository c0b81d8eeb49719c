using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Ioc.Dashboard.Auth;

/// <summary>
/// What a password must be, after NIST SP 800-63B: long (at least 12 characters), not the
/// username, not on a list of common passwords (shipped in <c>Auth/CommonPasswords</c>), not such
/// a word dressed up with digits or punctuation, and not a keyboard run or a repetition. No rules
/// about mixing character classes: they make passwords harder to remember, not to guess.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 12;
    public const int MaxLength = 256;
    private const int MinDistinct = 5;

    // Runs a guesser walks: digits, the alphabet, keyboard rows and columns (forwards; reversed below).
    private static readonly string[] Runs =
    [
        "0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "qwertzuiop", "azertyuiop",
        "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "!@#$%^&*()_+", "qazwsxedcrfvtgbyhnujmikolp",
    ];

    private static readonly FrozenSet<string> Common = Load("common-passwords.txt").Concat(Load("local-words.txt")).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Null when the password may be used; otherwise what is wrong with it.</summary>
    public static string? Check(string? username, string? password)
    {
        if (string.IsNullOrEmpty(password)) return "is required";
        var length = new StringInfo(password).LengthInTextElements;
        if (length < MinLength) return $"must be at least {MinLength} characters";
        if (length > MaxLength) return $"must be at most {MaxLength} characters";
        if (string.IsNullOrWhiteSpace(password)) return "must not be only spaces";
        var lower = password.Trim().ToLowerInvariant();
        if (lower.EnumerateRunes().Distinct().Count() < MinDistinct) return $"must use at least {MinDistinct} different characters";
        var core = Core(lower);
        var user = username?.Trim().ToLowerInvariant();
        if (user is { Length: > 0 } && (lower == user || core == user || lower == Reverse(user)))
            return "must not be the username";
        if (Common.Contains(lower) || Common.Contains(core) || Common.Contains(core.Replace(" ", "", StringComparison.Ordinal)))
            return "is too common: it is on the list of passwords guessed first";
        if (IsRun(lower) || IsRepetition(lower) || (core.Length >= 4 && (IsRun(core) || IsRepetition(core))))
            return "must not be a keyboard or number sequence or a repetition";
        return null;
    }

    /// <summary>The word inside: digits, punctuation and spaces stripped from both ends.</summary>
    private static string Core(string s) => s.Trim().Trim("0123456789!@#$%^&*()-_=+.,;:?/\\|'\"`~[]{}<> ".ToCharArray());

    private static bool IsRun(string s) =>
        Runs.Any(run => Cycle(run).Contains(s, StringComparison.Ordinal) || Cycle(Reverse(run)).Contains(s, StringComparison.Ordinal));

    // A run long enough to hold any password that walks it more than once.
    private static string Cycle(string run) => string.Concat(Enumerable.Repeat(run, MaxLength / run.Length + 2));

    /// <summary>The same few characters over and over ("abcabcabcabc", "hanoihanoihanoi").</summary>
    private static bool IsRepetition(string s)
    {
        for (var unit = 1; unit <= s.Length / 2; unit++)
        {
            if (s.Length % unit != 0) continue;
            var ok = true;
            for (var i = unit; i < s.Length && ok; i++) ok = s[i] == s[i - unit];
            if (ok) return true;
        }
        return false;
    }

    private static string Reverse(string s)
    {
        var chars = s.ToCharArray();
        Array.Reverse(chars);
        return new string(chars);
    }

    private static IEnumerable<string> Load(string file)
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream($"Ioc.Dashboard.CommonPasswords.{file}")
            ?? throw new InvalidOperationException($"The list of common passwords {file} is not embedded.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Trim() is { Length: > 0 } w) words.Add(w.ToLowerInvariant());
        return words;
    }
}
