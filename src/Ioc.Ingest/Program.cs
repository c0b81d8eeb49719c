using Ioc.Ingest.Devices;
using Ioc.Ingest.Hosting;
using Ioc.Ingest.Telemetry;

namespace Ioc.Ingest;

/// <summary>
/// Ingest on its own: an Orleans client that takes device telemetry and hands it to the silos.
/// <c>dotnet run --project src/Ioc.Ingest -- --urls http://localhost:5081 [--Ioc:Cluster:Redis=...]</c>
/// </summary>
internal static class IngestProgram
{
    public static void Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Not a line per request: at thousands of requests a second the console logger's queue was a
        // third of this process's CPU (as in the dashboard's appsettings, ASP.NET Core logs warnings only).
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddIocClusterClient();
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        builder.Services.AddProblemDetails();
        builder.Services.AddIocIngest(builder.Configuration);
        builder.Services.AddAuthentication(DeviceClaims.Scheme).AddDeviceKey();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(TelemetryEndpoint.DevicePolicy, p => p.AddAuthenticationSchemes(DeviceClaims.Scheme).RequireClaim(DeviceClaims.DeviceId));

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIocTelemetry();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.Run();
    }
}
