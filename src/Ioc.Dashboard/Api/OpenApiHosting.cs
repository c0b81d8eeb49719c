using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Ioc.Dashboard.Api;

/// <summary>
/// The HTTP API as OpenAPI at <c>/openapi/v1.json</c> (every <c>/api/</c> endpoint, generated from the
/// endpoints themselves) and a reference page at <c>/openapi/index.html</c> (wwwroot/openapi) that renders it in the browser from the
/// center's own files: vendors and city systems read it offline.
/// </summary>
public static class OpenApiHosting
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddIocOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Hanoi IOC API",
                    Version = "v1",
                    Description = "Telemetry from devices (telemetry-v1; MQTT is described in docs/devices.md) and the read API "
                        + "for the wall, ward chiefs and city systems (api-v1). Devices send 'Authorization: Bearer <device key>'; "
                        + "people and scripts a token from POST /api/v1/auth/token or the sign-in cookie. Errors are application/problem+json.",
                };
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapIocOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return app;
    }
}
