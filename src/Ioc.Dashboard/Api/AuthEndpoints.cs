using Ioc.Dashboard.Auth;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Api;

public sealed record Credentials(string? Username, string? Password);
public sealed record TokenIssued(string Token, DateTimeOffset ExpiresAt);
public sealed record Me(string Username, string Role, string? Ward);

public static class AuthEndpoints
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/auth").DisableAntiforgery();

        // Scripts: a bearer token protected by ASP.NET Core's data protection (no hand-made crypto).
        api.MapPost("/token", async (Credentials body, UserService users, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time) =>
        {
            if (Missing(body) is { } bad) return bad;
            var user = await users.CheckPassword(body.Username!, body.Password!);
            if (user is null) return Problems.Of(StatusCodes.Status401Unauthorized, "Wrong username or password");
            var expires = time.GetUtcNow() + TokenLifetime;
            var ticket = new AuthenticationTicket(IocUser.For(user, BearerTokenDefaults.AuthenticationScheme),
                new AuthenticationProperties { ExpiresUtc = expires }, BearerTokenDefaults.AuthenticationScheme);
            var token = bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Protect(ticket);
            return Results.Ok(new TokenIssued(token, Time.HanoiTime.ToLocal(expires)));
        }).AllowAnonymous();

        // Browsers: the same check, answered with a cookie.
        api.MapPost("/login", async (Credentials body, UserService users, HttpContext http) =>
        {
            if (Missing(body) is { } bad) return bad;
            var user = await users.CheckPassword(body.Username!, body.Password!);
            if (user is null) return Problems.Of(StatusCodes.Status401Unauthorized, "Wrong username or password");
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, IocUser.For(user, CookieAuthenticationDefaults.AuthenticationScheme));
            return Results.Ok(new Me(user.Username, user.Role, user.Ward));
        }).AllowAnonymous();

        api.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous();

        app.MapGet("/api/v1/me", (HttpContext http) =>
        {
            var u = http.User;
            var role = Grains.Roles.People.Concat([Grains.Roles.Device]).FirstOrDefault(u.IsInRole) ?? "";
            return Results.Ok(new Me(u.Name(), role, u.ChiefWard()));
        });
    }

    private static IResult? Missing(Credentials body)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Username)) errors.Add(new FieldError(-1, "username", "is required"));
        if (string.IsNullOrEmpty(body.Password)) errors.Add(new FieldError(-1, "password", "is required"));
        return errors.Count > 0 ? Problems.BadRequest(errors, "Invalid sign-in request") : null;
    }
}
