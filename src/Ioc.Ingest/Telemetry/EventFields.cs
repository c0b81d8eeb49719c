using System.Globalization;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry.Json;
using Ioc.Telemetry;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// The fields of one event, each read against its rule; every broken rule is noted with the
/// event's index and the field's name, and makes the event invalid.
/// </summary>
public sealed class EventFields(BodyNode e, int index, ErrorList errors)
{
    private BodyNode e = e;
    private int index = index;

    public const string TimeExample = "2026-11-22T08:15:02.120+07:00";

    /// <summary>False once any rule of this event is broken.</summary>
    public bool Ok { get; private set; } = true;

    public BodyNode Node => e;

    /// <summary>The same checks for the next event of a batch (one reader serves them all).</summary>
    public void Next(BodyNode node, int at)
    {
        e = node;
        index = at;
        Ok = true;
    }

    public void Error(string field, string message)
    {
        errors.Add(index, field, message);
        Ok = false;
    }

    /// <summary>
    /// Every string of the event is text and no object repeats a key, known field or not: a device
    /// that sends bytes that are not UTF-8 anywhere has a bug worth hearing about.
    /// </summary>
    public void CheckText(string path = "") => CheckText(e, path);

    // A member's path is built only when it is needed: for an error, or to go into an object or array.
    private void CheckText(BodyNode node, string path)
    {
        switch (node.Kind)
        {
            case BodyKind.String when node.TextError is { } why:
                Error(path, why);
                break;
            case BodyKind.Object:
                foreach (var key in node.RepeatedKeys) Error(Join(path, key), "appears more than once in the object");
                foreach (var p in node.Properties)
                {
                    if (p.NameError is { } bad) Error(Join(path, p.Name), $"field name {bad}");
                    if (p.Value.Kind is BodyKind.Object or BodyKind.Array || p.Value.TextError is not null) CheckText(p.Value, Join(path, p.Name));
                }
                break;
            case BodyKind.Array:
                foreach (var item in node.Items) CheckText(item, path);
                break;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public string? Str(string name, bool required, int max = TextRules.Default) => Str(e, name, name, required, max);

    public string? Str(BodyNode parent, string name, string path, bool required, int max = TextRules.Default)
    {
        var v = parent[name];
        if (v is null || v.Kind == BodyKind.Null)
        {
            if (required) Error(path, "is required");
            return null;
        }
        if (v.Kind != BodyKind.String) { Error(path, "must be a string"); return null; }
        // Text that is not valid was named by CheckText already.
        if (v.Text is not { } s) { Ok = false; return null; }
        if (required && s.Length == 0) { Error(path, "must not be empty"); return null; }
        if (TextRules.Length(s) > max) { Error(path, $"must be at most {max} characters"); return null; }
        return s;
    }

    public string? OneOf(string name, IReadOnlyList<string> allowed)
    {
        var s = Str(name, true);
        if (s is not null && !allowed.Contains(s)) { Error(name, $"must be one of {string.Join(", ", allowed)}"); return null; }
        return s;
    }

    public string? Service(string name)
    {
        var s = Str(name, true);
        if (s is not null && !ServiceCodes.IsKnown(s)) { Error(name, $"unknown service code {TextRules.Echo(s)}"); return null; }
        return s;
    }

    public string? WardCode(string name, WardDirectory wards, bool required)
    {
        var s = Str(name, required);
        if (s is not null && !wards.Contains(s)) { Error(name, $"unknown ward code {TextRules.Echo(s)}"); return null; }
        return s;
    }

    /// <summary>A finite number within [min, max].</summary>
    public double? Num(BodyNode parent, string name, string path, double min, double max)
    {
        var v = parent[name];
        if (v is null) { Error(path, "is required"); return null; }
        if (v.Number is not { } d) { Error(path, "must be a number"); return null; }
        if (d < min || d > max) { Error(path, string.Create(CultureInfo.InvariantCulture, $"must be {min} to {max}")); return null; }
        return d;
    }

    public int? Score()
    {
        var v = e["score"];
        if (v is null) { Error("score", "is required"); return null; }
        if (v.Int32 is not { } s || s is < 1 or > 5) { Error("score", "must be a whole number 1 to 5"); return null; }
        return s;
    }

    /// <summary>An optional boolean: absent or null is "not said".</summary>
    public bool? Bool(string name)
    {
        var v = e[name];
        if (v is null || v.Kind == BodyKind.Null) return null;
        if (v.Kind is not (BodyKind.True or BodyKind.False)) { Error(name, "must be true or false"); return null; }
        return v.Kind == BodyKind.True;
    }

    /// <summary>An RFC 3339 time within the years the center deals with.</summary>
    public DateTimeOffset? Time(string name, bool required)
    {
        var s = Str(name, required);
        if (s is null) return null;
        if (!Rfc3339.TryParse(s, out var t))
        {
            Error(name, $"must be an RFC 3339 time exactly (no spaces; Z or ±hh:mm), e.g. {TimeExample}");
            return null;
        }
        if (!Rfc3339.IsPlausible(t)) { Error(name, $"must be within the years {Rfc3339.FirstYear} to {Rfc3339.LastYear}"); return null; }
        return t;
    }
}
