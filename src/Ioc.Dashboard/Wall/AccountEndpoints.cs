using Ioc.Dashboard.Auth;
using Ioc.Grains;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// The browser's sign-in: the plain HTML form of <c>/login</c> posts here (with its antiforgery
/// token), the password is checked like the API's, and the cookie scheme signs the person in.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPage = "/login";

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();

        // The form's antiforgery token is checked here, so a forged post is a 400 in every environment.
        account.MapPost("/login", async (UserService users, IAntiforgery antiforgery, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http) || !http.Request.HasFormContentType)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-in form expired or was not sent by this site; open the page again");
            var fields = await http.Request.ReadFormAsync();
            var form = new LoginForm { Username = fields["Username"], Password = fields["Password"], ReturnUrl = fields["ReturnUrl"] };
            var returnUrl = LocalOrNull(form.ReturnUrl);
            if (string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(form.Password))
                return Results.Redirect(FailedLogin(returnUrl));
            var user = await users.CheckPassword(form.Username.Trim(), form.Password);
            if (user is null) return Results.Redirect(FailedLogin(returnUrl));
            var principal = IocUser.For(user, CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            return Results.Redirect(LandingFor(user.Role, user.Ward, returnUrl));
        }).DisableAntiforgery();

        account.MapPost("/logout", async (IAntiforgery antiforgery, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from the site's own page");
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect(LoginPage);
        }).DisableAntiforgery();

        account.MapGet("/lang/{lang}", (string lang, string? returnUrl, HttpContext http) =>
        {
            http.Response.Cookies.Append(WallText.Cookie, WallText.LangOf(lang), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                SameSite = SameSiteMode.Lax,
                HttpOnly = true,
                IsEssential = true,
                Path = "/",
            });
            return Results.Redirect(LocalOrNull(returnUrl) ?? "/");
        });
    }

    public sealed class LoginForm
    {
        public string? Username { get; set; }
        public string? Password { get; set; }
        public string? ReturnUrl { get; set; }
    }

    /// <summary>
    /// Where a person lands after signing in: the page they asked for, else a ward chief their
    /// ward and everyone else the city wall.
    /// </summary>
    public static string LandingFor(string role, string? ward, string? returnUrl)
    {
        var asked = LocalOrNull(returnUrl);
        if (asked is not null && asked != "/" && !asked.StartsWith(LoginPage, StringComparison.OrdinalIgnoreCase)
            && !asked.StartsWith("/account", StringComparison.OrdinalIgnoreCase))
            return asked;
        return role == Roles.WardChief && ward is not null ? $"/wards/{ward}" : "/";
    }

    /// <summary>Only paths of this site: no scheme, no host, no protocol-relative or backslash tricks.</summary>
    public static string? LocalOrNull(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && (u.Length == 1 || (u[1] != '/' && u[1] != '\\')) && !u.Contains("://", StringComparison.Ordinal)
            ? u
            : null;

    private static string FailedLogin(string? returnUrl) =>
        returnUrl is null ? $"{LoginPage}?error=1" : $"{LoginPage}?error=1&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
