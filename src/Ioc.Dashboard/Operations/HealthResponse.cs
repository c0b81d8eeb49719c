using System.Text.Json;
using Ioc.Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ioc.Dashboard.Operations;

/// <summary>
/// The health answer: <c>{"status": "Healthy"}</c> for anyone (the status code says it too: 200, or 503 when
/// unhealthy); admins also see each check with its description, which names stores and figures.
/// </summary>
public static class HealthResponse
{
    public static Task Write(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        object body = http.User.IsInRole(Roles.Admin)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.Select(e => new
                {
                    name = e.Key,
                    status = e.Value.Status.ToString(),
                    description = e.Value.Description,
                    durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                }),
            }
            : new { status = report.Status.ToString() };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
