using System.Security.Claims;
using System.Text.Json;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Dashboard.Security;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// api-v1 alerts: the list, acknowledge and resolve (each with an optional <c>note</c>), assign an owner,
/// and acknowledge many at once. The first action wins; a conflicting one gets 409 saying who acted.
/// </summary>
public static class AlertEndpoints
{
    public static void MapAlerts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").RequireAuthorization(WardEndpoints.PeoplePolicy).DisableAntiforgery();

        api.MapGet("/", async (string? ward, string? state, ClaimsPrincipal user, IGrainFactory grains, WardDirectory wards) =>
        {
            if (state is not null && !AlertStates.All.Contains(state))
                return Problems.Field("state", $"must be one of {string.Join(", ", AlertStates.All)}");
            if (ward is not null && WardEndpoints.WardAccess(ward, user, wards) is { } denied) return denied;
            var codes = ward is not null ? [ward] : wards.All.Select(w => w.Code).Where(user.MaySeeWard).ToArray();
            var lists = await Task.WhenAll(codes.Select(c => grains.GetGrain<IWardGrain>(c).GetAlerts()));
            return Results.Ok(lists.SelectMany(a => a).Where(a => state is null || a.State == state).OrderByDescending(a => a.RaisedAt));
        });

        api.MapPost("/{id}/acknowledge", (string id, HttpContext http, AlertActions actions) =>
            WithNote(http.Request, note => actions.Acknowledge(id, Actor.Api(http), note)));
        api.MapPost("/{id}/resolve", (string id, HttpContext http, AlertActions actions) =>
            WithNote(http.Request, note => actions.Resolve(id, Actor.Api(http), note)));

        api.MapPost("/{id}/assign", async (string id, HttpContext http, AlertActions actions) =>
        {
            var (body, bad) = await JsonBody.ReadObject(http.Request, optional: false);
            if (bad is not null) return bad;
            var errors = new List<FieldError>();
            var username = JsonBody.String(body, "username", errors)?.Trim();
            var reassign = JsonBody.Bool(body, "reassign", errors);
            if (errors.Count == 0 && string.IsNullOrEmpty(username)) errors.Add(new FieldError(-1, "username", "is required"));
            if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid assignment");
            return Answer(await actions.Assign(id, Actor.Api(http), username!, reassign), username);
        });

        api.MapPost("/acknowledge", async (HttpContext http, AlertActions actions) =>
        {
            var (body, bad) = await JsonBody.ReadObject(http.Request, optional: false);
            if (bad is not null) return bad;
            var errors = new List<FieldError>();
            var ids = Ids(body!.Value, errors);
            var note = PersonText.Check(JsonBody.String(body, "note", errors), "note", required: false, errors);
            if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid acknowledgement");
            var answers = await actions.AcknowledgeMany(ids, Actor.Api(http), note);
            return Results.Ok(new
            {
                acknowledged = answers.Count(a => a.Done),
                results = answers.Select(a => new { id = a.AlertId, status = StatusOf(a), alert = a.Alert, conflict = ConflictOf(a) }),
            });
        });
    }

    private static async Task<IResult> WithNote(HttpRequest request, Func<string?, Task<AlertAnswer>> act)
    {
        var (body, bad) = await JsonBody.ReadObject(request, optional: true);
        if (bad is not null) return bad;
        var errors = new List<FieldError>();
        var note = PersonText.Check(JsonBody.String(body, "note", errors), "note", required: false, errors);
        if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid note");
        return Answer(await act(note), null);
    }

    /// <summary>The ids of a bulk action: 1 to <see cref="AlertActions.MaxBulk"/> strings, each once.</summary>
    private static List<string> Ids(JsonElement body, List<FieldError> errors)
    {
        if (!body.TryGetProperty("ids", out var ids) || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() == 0)
        {
            errors.Add(new FieldError(-1, "ids", "is required: an array of alert ids"));
            return [];
        }
        if (ids.GetArrayLength() > AlertActions.MaxBulk)
        {
            errors.Add(new FieldError(-1, "ids", $"at most {AlertActions.MaxBulk} ids at once"));
            return [];
        }
        var list = new List<string>();
        var i = 0;
        foreach (var id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= 64 } s)
                errors.Add(new FieldError(-1, $"ids[{i}]", "must be an alert id (a string of 1 to 64 characters)"));
            else if (!list.Contains(s)) list.Add(s);
            i++;
        }
        return list;
    }

    private static int StatusOf(AlertAnswer a) => a.Kind switch
    {
        AlertAnswerKind.Done => StatusCodes.Status200OK,
        AlertAnswerKind.Forbidden => StatusCodes.Status403Forbidden,
        AlertAnswerKind.Conflict => StatusCodes.Status409Conflict,
        AlertAnswerKind.OwnerMayNotSee => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status404NotFound,
    };

    private static AlertConflict? ConflictOf(AlertAnswer a) =>
        a.Kind == AlertAnswerKind.Conflict && a.Alert is { } now ? AlertConflict.Of(now) : null;

    private static IResult Answer(AlertAnswer a, string? owner) => a.Kind switch
    {
        AlertAnswerKind.Done => Results.Ok(a.Alert),
        AlertAnswerKind.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, $"Not allowed to act on ward {Alert.WardOf(a.AlertId)}'s alerts"),
        AlertAnswerKind.Conflict => Conflict(a.Alert!),
        AlertAnswerKind.UnknownOwner => Problems.Field("username", $"no user {TextRules.Echo(owner ?? "")}", StatusCodes.Status404NotFound),
        AlertAnswerKind.OwnerMayNotSee => Problems.Field("username", $"{TextRules.Echo(owner ?? "")} may not see ward {Alert.WardOf(a.AlertId)}: owners are its ward chief, city users or admins"),
        _ => Problems.Of(StatusCodes.Status404NotFound, $"No alert {TextRules.Echo(a.AlertId)}"),
    };

    /// <summary>409 with who acted first and the alert as it is.</summary>
    private static IResult Conflict(Alert alert)
    {
        var c = AlertConflict.Of(alert);
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Type = "https://httpstatuses.io/409",
            Title = $"Already {c.Action}",
            Detail = c.Action == AlertConflict.Assigned
                ? $"Already assigned to {c.Owner} by {c.By} at {IocJson.Format(c.At)}; send \"reassign\": true to take it over"
                : $"Already {c.Action} by {c.By} at {IocJson.Format(c.At)}",
        };
        problem.Extensions["action"] = c.Action;
        problem.Extensions["actedBy"] = c.By;
        problem.Extensions["actedAt"] = c.At;
        if (c.Owner is not null) problem.Extensions["owner"] = c.Owner;
        problem.Extensions["alert"] = alert;
        return Results.Problem(problem);
    }
}
