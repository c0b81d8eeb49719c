using Ioc.Dashboard.Api;
using Ioc.Dashboard.Wall;

namespace Ioc.Dashboard.Components.Panels;

/// <summary>What a page says when an action on an alert did not happen: who acted first, or that it failed.</summary>
public static class AlertAnswerText
{
    public static string? Problem(AlertAnswer answer, WallText t) => answer.Kind switch
    {
        AlertAnswerKind.Done => null,
        AlertAnswerKind.Conflict when answer.Alert is { } now => Conflict(AlertConflict.Of(now), t),
        _ => t["alert.failed"],
    };

    /// <summary>A note typed on a page follows the API's rule; false (with the page's words) when it does not.</summary>
    public static bool NoteOk(string? text, WallText t, out string? note, out string? problem)
    {
        var errors = new List<Ioc.Ingest.Http.FieldError>();
        note = PersonText.Check(text, "note", required: false, errors);
        problem = errors.Count > 0 ? t["alert.note.invalid"] : null;
        return problem is null;
    }

    public static string Conflict(AlertConflict c, WallText t) =>
        t.Format("alert.conflict." + c.Action, c.By == "system" ? t["alert.system"] : c.By, t.Time(c.At), c.Owner);
}
