using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Security;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Api;

public static class AuthEndpoints
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);
    private const int MaxInput = 1024;

    public static void MapAuth(this IEndpointRouteBuilder app)
    {
        // Cross-site forgery is refused by CrossSiteGuard for all of these, before they run.
        var api = app.MapGroup("/api/v1/auth").DisableAntiforgery();

        // Scripts: a bearer token protected by ASP.NET Core's data protection (no hand-made crypto).
        api.MapPost("/token", async (Credentials body, AccountService accounts, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider time, HttpContext http) =>
        {
            if (Missing(body) is { } bad) return bad;
            var result = await accounts.SignIn(body.Username!, body.Password!, ClientAddress.Of(http), "token");
            if (!result.Succeeded) return Refused(result);
            var expires = time.GetUtcNow() + TokenLifetime;
            var ticket = new AuthenticationTicket(IocUser.For(result.User!, BearerTokenDefaults.AuthenticationScheme, result.Session!),
                new AuthenticationProperties { ExpiresUtc = expires }, BearerTokenDefaults.AuthenticationScheme);
            var token = bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Protect(ticket);
            return Results.Ok(new TokenIssued(token, Time.HanoiTime.ToLocal(expires)));
        }).AllowAnonymous();

        // Browsers: the same check, answered with a cookie.
        api.MapPost("/login", async (Credentials body, AccountService accounts, HttpContext http) =>
        {
            if (Missing(body) is { } bad) return bad;
            var result = await accounts.SignIn(body.Username!, body.Password!, ClientAddress.Of(http), "api");
            if (!result.Succeeded) return Refused(result);
            var user = result.User!;
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, IocUser.For(user, CookieAuthenticationDefaults.AuthenticationScheme, result.Session!));
            return Results.Ok(new Me(user.Username, user.Role, user.Ward));
        }).AllowAnonymous();

        // Ends the session of the token or cookie it is called with; that token or cookie is refused from now on.
        api.MapPost("/logout", async (HttpContext http, AccountService accounts) =>
        {
            var byCookie = http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;
            if (http.User.IsPerson()) await accounts.SignOut(http.User, ClientAddress.Of(http), byCookie ? "api" : "token");
            if (byCookie) await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous();

        // The signed-in person's own password: every cookie and token of theirs stops working, this one too.
        api.MapPost("/password", async (PasswordChange body, AccountService accounts, HttpContext http) =>
        {
            var errors = new List<FieldError>();
            if (string.IsNullOrEmpty(body.CurrentPassword) || body.CurrentPassword.Length > MaxInput) errors.Add(new FieldError(-1, "currentPassword", "is required"));
            if (string.IsNullOrEmpty(body.NewPassword)) errors.Add(new FieldError(-1, "newPassword", "is required"));
            if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid password change");
            var result = await accounts.ChangePassword(http.User, body.CurrentPassword!, body.NewPassword!, ClientAddress.Of(http));
            if (result.Outcome == SignInOutcome.BadNewPassword) return Problems.BadRequest([new FieldError(-1, "newPassword", result.Reason!)], "Password refused");
            if (result.Outcome == SignInOutcome.WrongPassword) return Problems.BadRequest([new FieldError(-1, "currentPassword", "is not your current password")], "Password not changed");
            if (!result.Succeeded) return Refused(result);
            if (http.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).RequireAuthorization(WardEndpoints.PeoplePolicy);

        app.MapGet("/api/v1/me", (HttpContext http) =>
        {
            var u = http.User;
            var role = Grains.Roles.People.FirstOrDefault(u.IsInRole) ?? "";
            return Results.Ok(new Me(u.Name(), role, u.ChiefWard()));
        });
    }

    /// <summary>A refused sign-in as problem+json: 401 for a wrong password, 429 with Retry-After while locked out.</summary>
    public static IResult Refused(SignInResult result) => result.Outcome switch
    {
        SignInOutcome.LockedOut => Problems.Of(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins for this account",
            $"The account is locked; try again in {Minutes(result.RetryAfter)}.", retryAfter: result.RetryAfter),
        SignInOutcome.AddressLimited => Problems.Of(StatusCodes.Status429TooManyRequests, "Too many failed sign-ins from this address",
            $"Try again in {Minutes(result.RetryAfter)}.", retryAfter: result.RetryAfter),
        _ => Problems.Of(StatusCodes.Status401Unauthorized, "Wrong username or password"),
    };

    public static string Minutes(TimeSpan? wait) =>
        wait is { TotalSeconds: < 60 } w ? $"{Math.Max(1, Math.Ceiling(w.TotalSeconds)):0} s" : $"{Math.Ceiling((wait ?? TimeSpan.Zero).TotalMinutes):0} min";

    private static IResult? Missing(Credentials body)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Username) || body.Username.Length > MaxInput) errors.Add(new FieldError(-1, "username", "is required"));
        if (string.IsNullOrEmpty(body.Password) || body.Password.Length > MaxInput) errors.Add(new FieldError(-1, "password", "is required (at most 1,024 characters)"));
        return errors.Count > 0 ? Problems.BadRequest(errors, "Invalid sign-in request") : null;
    }
}
