using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Components;
using Ioc.Dashboard.History;
using Ioc.Dashboard.Replay;
using Ioc.Wards;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// The wall and ward screens: Blazor Server pages (interactive server render mode) inside the
/// center's own process, fed by <see cref="Live.LiveFeed"/>. Everything a page loads is served
/// from here (plotly.js comes with Plotly.Blazor as a static web asset), nothing from the internet.
/// </summary>
public static class WallHosting
{
    public static IServiceCollection AddIocWall(this IServiceCollection services, IConfiguration config)
    {
        // A bad layout file stops start-up here, naming the file, the panel and the problem.
        var directory = DashboardLayouts.ResolveDirectory(config);
        var initial = DashboardLayouts.Load(directory);
        services.AddSingleton(sp => new DashboardLayouts(directory, sp.GetRequiredService<ILogger<DashboardLayouts>>(), initial));

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ioc.af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton(sp => WardShapes.For(sp.GetRequiredService<WardDirectory>()));
        services.AddSingleton<AlertBoard>();
        services.AddSingleton<ICitySeries, GrainCitySeries>();
        services.AddSingleton<IRankingSource, GrainRankingSource>();
        // Reads the history store of AddIocHistory (InfluxDB or SQLite), the ward grains when it cannot answer.
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<WardHistoryReader>(sp));
        services.AddSingleton<IWardHistorySource>(sp => sp.GetRequiredService<WardHistoryReader>());
        // Replays of past days: grains per page (the circuit keeps its replay clock), the API's per day.
        services.TryAddKeyedSingleton(Replays.RealClockKey, TimeProvider.System);
        services.AddSingleton<Replays>();
        services.AddSingleton<ReplayRuns>();
        services.AddScoped<ReplayCursor>();
        return services;
    }

    /// <summary>Call after UseAuthentication/UseAuthorization: antiforgery, static assets, sign-in endpoints and the pages.</summary>
    public static WebApplication MapIocWall(this WebApplication app)
    {
        // A build that was not published keeps package assets (blazor.web.js, plotly.js) in the
        // NuGet folder, listed by a manifest that only Development reads by itself: read it in
        // every environment, so `dotnet run` serves the wall too. A published app has them all
        // in wwwroot and no such manifest, and this does nothing.
        if (!app.Environment.IsDevelopment())
            StaticWebAssetsLoader.UseStaticWebAssets(app.Environment, app.Configuration);
        app.UseAntiforgery();
        app.Use(WardPageAccess);
        app.MapStaticAssets().AllowAnonymous();
        app.MapAccount();
        app.MapRazorComponents<App>()
            // Security.SecurityHeaders sends the whole policy; this only keeps Blazor's own header in line with it.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = "'none'")
            .Add(AllowFrameworkFiles);
        return app;
    }

    /// <summary>
    /// Role-aware answers before a page renders: a ward chief opening the city wall goes to their ward,
    /// a replay or a ward page the person may not see answers 403 (the page says why).
    /// </summary>
    private static Task WardPageAccess(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.User.Identity?.IsAuthenticated == true)
        {
            var path = http.Request.Path;
            // Replays are for city leaders and admins: a ward chief is refused (the page says why).
            if (path.StartsWithSegments("/replay") && !http.User.IsCityWide())
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
            else if ((path == "/" || path.StartsWithSegments("/provinces")) && http.User.ChiefWard() is { } own)
            {
                http.Response.Redirect($"/wards/{own}");
                return Task.CompletedTask;
            }
            if (path.StartsWithSegments("/provinces", out var province) && province.Value is { Length: > 1 } p && p.IndexOf('/', 1) < 0
                && http.RequestServices.GetRequiredService<WardDirectory>().FindProvince(p[1..]) is null)
                http.Response.StatusCode = StatusCodes.Status404NotFound;
            if ((path.StartsWithSegments("/wards", out var rest) || path.StartsWithSegments("/replay/wards", out rest))
                && rest.Value is { Length: > 1 } r && r.IndexOf('/', 1) < 0 && http.Response.StatusCode != StatusCodes.Status403Forbidden)
            {
                var code = r[1..];
                if (!http.RequestServices.GetRequiredService<WardDirectory>().Contains(code)) http.Response.StatusCode = StatusCodes.Status404NotFound;
                else if (!http.User.MaySeeWard(code)) http.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        }
        return next(http);
    }

    /// <summary>The framework's scripts serve the sign-in page too, before anyone is signed in.</summary>
    private static void AllowFrameworkFiles(EndpointBuilder endpoint)
    {
        if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } raw }
            && (raw.TrimStart('/').StartsWith("_framework", StringComparison.Ordinal) || raw.TrimStart('/').StartsWith("_content", StringComparison.Ordinal)))
            endpoint.Metadata.Add(new AllowAnonymousAttribute());
    }
}
