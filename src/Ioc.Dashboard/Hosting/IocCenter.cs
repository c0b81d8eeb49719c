using Ioc.Dashboard.Api;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.History;
using Ioc.Dashboard.Jobs;
using Ioc.Dashboard.Live;
using Ioc.Dashboard.Operations;
using Ioc.Dashboard.Security;
using Ioc.Dashboard.Wall;
using Ioc.Grains;
using Ioc.Ingest.Devices;
using Ioc.Ingest.Hosting;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry;
using Ioc.Silo.Hosting;
using Ioc.Telemetry;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Dashboard.Hosting;

/// <summary>
/// Puts the center together. Embedded (the default): silo, ingest and dashboard in one process
/// with the co-hosted Orleans client and grain state under <c>Ioc:DataPath</c>. With
/// <c>Ioc:Cluster:Mode=client</c> this process joins a cluster of separate silos instead.
/// </summary>
public static class IocCenter
{
    public const string MixedScheme = "ioc";

    /// <summary>
    /// The data folder as a full path: <c>Ioc:DataPath</c> (default <c>data</c>), a relative one taken from
    /// <c>Ioc:DataRoot</c> (set by <c>dotnet run</c> to where the command was typed) or the working directory.
    /// </summary>
    public static string DataPath(IConfiguration config) =>
        Path.GetFullPath(config["Ioc:DataPath"] is { Length: > 0 } p ? p : "data",
            config["Ioc:DataRoot"] is { Length: > 0 } root ? root : Directory.GetCurrentDirectory());

    public static bool IsEmbedded(IConfiguration config) =>
        !string.Equals(config["Ioc:Cluster:Mode"], "client", StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddIocCenter(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        config["Ioc:DataPath"] = DataPath(config);
        if (EmbeddedSimulator.IsEnabled(config)) EmbeddedSimulator.Add(builder.Services, config);
        if (IsEmbedded(config)) builder.UseOrleans(silo => silo.AddIocSilo(config));
        else builder.AddIocClusterClient();

        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<ClusterUnavailableHandler>();
        // A body that does not bind is a 400 in every environment, never an exception in the log.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
        services.AddIocIngest(config);
        services.AddIocHistory(config);
        services.AddIocOperations(config, IsEmbedded(config));
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<UserService>();
        services.AddOptions<AccountOptions>().Bind(config.GetSection(AccountOptions.Section));
        services.AddSingleton<AccountSecurityCache>();
        services.AddSingleton<AccountService>();
        services.AddSingleton(sp => new AuditLog(DataPath(config), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AlertActions>();
        services.AddSingleton<AdviceActions>();
        services.AddSingleton<SilenceActions>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        // No "Server: Kestrel": an attacker learns nothing from the answer's headers.
        builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
        services.AddSingleton<AdminBootstrap>();
        services.AddHostedService<CenterStartup>();
        services.ConfigureHttpJsonOptions(o => IocJson.Configure(o.SerializerOptions));
        // Both protocols: frames are serialized once (FeedPayload) and carry the same document.
        services.AddSignalR()
            .AddJsonProtocol(o => IocJson.Configure(o.PayloadSerializerOptions))
            .AddMessagePackProtocol();
        services.AddIocJobs(config);
        services.AddSingleton<FeedClients>();
        services.AddSingleton<LiveFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        services.AddSingleton<WardFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<WardFeed>());
        services.AddDataProtection()
            .SetApplicationName("hanoi-ioc")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(DataPath(config), "keys")));

        services.AddAuthentication(MixedScheme)
            .AddPolicyScheme(MixedScheme, "Cookie, token or device key", o => o.ForwardDefaultSelector = http =>
                (DeviceKeyAuthenticationHandler.BearerToken(http.Request) ?? HubAccessToken(http.Request)) is { } token
                    ? DeviceKeys.LooksLikeDeviceKey(token) ? DeviceClaims.Scheme : BearerTokenDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.LoginPath = "/login";
                o.Cookie.Name = "ioc.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                // APIs and the live feed answer 401/403; only pages redirect to the sign-in page.
                o.Events.OnRedirectToLogin = ctx => IsApi(ctx.Request)
                    ? Problems.Of(StatusCodes.Status401Unauthorized, "Sign in first").ExecuteAsync(ctx.HttpContext)
                    : Redirect(ctx);
                o.Events.OnRedirectToAccessDenied = ctx => IsApi(ctx.Request)
                    ? Problems.Of(StatusCodes.Status403Forbidden, "Your role does not allow this").ExecuteAsync(ctx.HttpContext)
                    : Redirect(ctx);
            })
            .AddBearerToken(o =>
            {
                o.BearerTokenExpiration = AuthEndpoints.TokenLifetime;
                // WebSockets cannot carry headers: SignalR clients send the token in the query string.
                o.Events.OnMessageReceived = ctx =>
                {
                    if (HubAccessToken(ctx.Request) is { } t) ctx.Token = t;
                    return Task.CompletedTask;
                };
            })
            .AddDeviceKey();

        // Whatever does not name a policy is for people only: a device key is admitted just where
        // an endpoint asks for it (telemetry, a ward's wait estimate), not on pages, the live feed or /_blazor.
        var people = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.People).Build();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(people)
            .SetFallbackPolicy(people)
            .AddPolicy(TelemetryEndpoint.DevicePolicy, p => p.AddAuthenticationSchemes(DeviceClaims.Scheme).RequireClaim(DeviceClaims.DeviceId))
            .AddPolicy(WardEndpoints.PeoplePolicy, p => p.RequireRole(Roles.People))
            .AddPolicy(WardEndpoints.EstimatePolicy, p => p.RequireRole([.. Roles.People, Roles.Device]))
            .AddPolicy(AdminEndpoints.AdminPolicy, p => p.RequireRole(Roles.Admin));
        services.AddIocWall(config);
        services.AddIocOpenApi();
        return builder;
    }

    private static string? HubAccessToken(HttpRequest request) =>
        request.Path.StartsWithSegments("/hubs") && request.Query["access_token"] is { Count: > 0 } t ? t.ToString() : null;

    private static bool IsApi(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs");

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static WebApplication UseIocCenter(this WebApplication app)
    {
        app.Use(SecurityHeaders.Run);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.Use(SessionCheck.Run);
        app.Use(CrossSiteGuard.Run);
        app.Use(MetricsAccess.Gate);
        app.UseAuthorization();
        app.MapIocTelemetry();
        app.MapAuth();
        app.MapAdmin();
        app.MapAudit();
        app.MapWards();
        app.MapAlerts();
        app.MapAdvice();
        app.MapSilences();
        app.MapIocHistory();
        app.MapHub<IocHub>(IocHub.Path);
        app.MapRankings();
        app.MapReplay();
        app.MapReports();
        app.MapIocJobs();
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
        app.MapIocOperations();
        app.MapIocOpenApi();
        app.MapIocWall();
        return app;
    }
}
