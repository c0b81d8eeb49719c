using Ioc.Ingest.Http;

namespace Ioc.Dashboard.Api;

/// <summary>
/// Text a person types (a note, a silence's reason): trimmed, at most <see cref="MaxLength"/>
/// characters, no control characters but line breaks and tabs. Empty is none.
/// </summary>
public static class PersonText
{
    public const int MaxLength = 500;

    public static string? Check(string? text, string field, bool required, List<FieldError> errors)
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t))
        {
            if (required) errors.Add(new FieldError(-1, field, "is required"));
            return null;
        }
        if (t.Length > MaxLength) errors.Add(new FieldError(-1, field, $"must be at most {MaxLength} characters (it has {t.Length})"));
        else if (t.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            errors.Add(new FieldError(-1, field, "must not contain control characters"));
        else return t;
        return null;
    }
}
