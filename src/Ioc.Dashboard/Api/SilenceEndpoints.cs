using System.Security.Claims;
using System.Text.Json;
using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Time;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

/// <summary>
/// Silences: <c>GET /api/v1/silences?ward=&amp;state=</c>, <c>POST /api/v1/silences</c>
/// <c>{ward, kind, from?, to, reason}</c> (201), <c>DELETE /api/v1/silences/{id}</c> (ends it now; 409 if already over).
/// </summary>
public static class SilenceEndpoints
{
    public static void MapSilences(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/silences").RequireAuthorization(WardEndpoints.PeoplePolicy).DisableAntiforgery();

        api.MapGet("/", async (string? ward, string? state, ClaimsPrincipal user, SilenceActions silences, WardDirectory wards) =>
        {
            if (state is not null && !SilenceStates.All.Contains(state))
                return Problems.Field("state", $"must be one of {string.Join(", ", SilenceStates.All)}");
            if (ward is not null && WardEndpoints.WardAccess(ward, user, wards) is { } denied) return denied;
            var now = silences.Now;
            var list = (await silences.List(user, ward)).Select(s => SilenceView.Of(s, now));
            return Results.Ok(list.Where(s => state is null || s.State == state));
        });

        api.MapPost("/", async (HttpContext http, SilenceActions silences) =>
        {
            var (body, bad) = await JsonBody.ReadObject(http.Request, optional: false);
            if (bad is not null) return bad;
            var errors = new List<FieldError>();
            var ward = JsonBody.String(body, "ward", errors);
            var kind = JsonBody.String(body, "kind", errors);
            var from = Time(body!.Value, "from", errors);
            var to = Time(body.Value, "to", errors);
            var reason = JsonBody.String(body, "reason", errors);
            var answer = await silences.Create(Actor.Api(http), ward, kind, from, to, reason, errors);
            return answer.Kind switch
            {
                SilenceAnswerKind.Done => Results.Created($"/api/v1/silences/{answer.Silence!.Id}", SilenceView.Of(answer.Silence, silences.Now)),
                SilenceAnswerKind.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, answer.Reason!),
                _ => Problems.BadRequest(answer.Errors!, "Invalid silence"),
            };
        });

        api.MapDelete("/{id}", async (string id, HttpContext http, SilenceActions silences) =>
        {
            var answer = await silences.End(Actor.Api(http), id);
            return answer.Kind switch
            {
                SilenceAnswerKind.Done => Results.Ok(SilenceView.Of(answer.Silence!, silences.Now)),
                SilenceAnswerKind.Forbidden => Problems.Of(StatusCodes.Status403Forbidden, answer.Reason!),
                SilenceAnswerKind.Conflict => Problems.Of(StatusCodes.Status409Conflict, answer.Reason!),
                _ => Problems.Of(StatusCodes.Status404NotFound, answer.Reason!),
            };
        });
    }

    private static DateTimeOffset? Time(JsonElement body, string name, List<FieldError> errors)
    {
        var s = JsonBody.String(body, name, errors);
        if (s is null) return null;
        if (Rfc3339.TryParse(s, out var t)) return t;
        errors.Add(new FieldError(-1, name, "must be an RFC 3339 time with offset, e.g. 2026-11-25T14:00:00+07:00"));
        return null;
    }
}
