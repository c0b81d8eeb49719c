using Ioc.Dashboard.Api;
using Ioc.Ingest.Http;
using Ioc.Time;

namespace Ioc.Dashboard.Audit;

/// <summary><c>GET /api/v1/admin/audit?limit=&amp;before=&amp;action=</c>: the audit trail for admins, newest first, a page at a time.</summary>
public static class AuditEndpoints
{
    public const string Path = "/api/v1/admin/audit";
    private const int DefaultLimit = 100, MaxLimit = 500;

    public static void MapAudit(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (string? limit, string? before, string? action, AuditLog audit) =>
        {
            var errors = new List<FieldError>();
            var size = DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, out size) || size is < 1 or > MaxLimit))
                errors.Add(new FieldError(-1, "limit", $"must be a whole number 1 to {MaxLimit}"));
            long? cursor = null;
            if (before is not null)
            {
                if (long.TryParse(before, out var b) && b > 0) cursor = b;
                else errors.Add(new FieldError(-1, "before", "must be the id of an entry (a whole number above 0)"));
            }
            if (action is not null && action.Length > 64) errors.Add(new FieldError(-1, "action", "is not an audit action"));
            if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid audit query");

            var items = audit.Read(cursor, size, action).Select(e => e with { At = HanoiTime.ToLocal(e.At) }).ToList();
            var next = items.Count == size ? $"{Path}?limit={size}&before={items[^1].Id}{(action is null ? "" : "&action=" + Uri.EscapeDataString(action))}" : null;
            return Results.Ok(new AuditPage(items, next));
        }).RequireAuthorization(AdminEndpoints.AdminPolicy);
}
