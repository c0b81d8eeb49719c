using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Security;
using Ioc.Grains;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Ioc.Dashboard.Wall;

/// <summary>
/// The browser's sign-in: the plain HTML form of <c>/login</c> posts here (with its antiforgery
/// token), the password is checked like the API's (<see cref="AccountService"/>: lockout, address
/// limit, audit), and the cookie scheme signs the person in.
/// </summary>
public static class AccountEndpoints
{
    public const string LoginPage = "/login";

    public static void MapAccount(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();

        // The form's antiforgery token is checked here, so a forged post is a 400 in every environment.
        account.MapPost("/login", async (AccountService accounts, IAntiforgery antiforgery, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http) || !http.Request.HasFormContentType)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The sign-in form expired or was not sent by this site; open the page again");
            var fields = await http.Request.ReadFormAsync();
            var form = new LoginForm { Username = fields["Username"], Password = fields["Password"], ReturnUrl = fields["ReturnUrl"] };
            var returnUrl = LocalOrNull(form.ReturnUrl);
            if (string.IsNullOrWhiteSpace(form.Username) || string.IsNullOrEmpty(form.Password) || form.Username.Length > 1024 || form.Password.Length > 1024)
                return Results.Redirect(FailedLogin(returnUrl));
            var result = await accounts.SignIn(form.Username, form.Password, ClientAddress.Of(http), "form");
            if (result.Outcome is SignInOutcome.LockedOut or SignInOutcome.AddressLimited)
            {
                // The page says how long to wait; the header says it to anything that reads headers.
                var seconds = Math.Max(1, (int)Math.Ceiling(result.RetryAfter!.Value.TotalSeconds));
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Results.Redirect(FailedLogin(returnUrl, $"locked&wait={seconds}"));
            }
            if (!result.Succeeded) return Results.Redirect(FailedLogin(returnUrl));
            var user = result.User!;
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, IocUser.For(user, CookieAuthenticationDefaults.AuthenticationScheme, result.Session!));
            return Results.Redirect(LandingFor(user.Role, user.Ward, returnUrl));
        }).DisableAntiforgery();

        account.MapPost("/logout", async (IAntiforgery antiforgery, AccountService accounts, HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from the site's own page");
            if (http.User.IsPerson()) await accounts.SignOut(http.User, ClientAddress.Of(http), "form");
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
                Secure = http.Request.IsHttps,
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

    /// <summary>
    /// Only paths of this site, as <c>Url.IsLocalUrl</c> has it and stricter: a single leading
    /// '/', nothing that makes it protocol-relative ("//host", "/\\host"), no backslash, control character or space
    /// anywhere (browsers drop tabs and newlines, so "/\t/evil.example" is "//evil.example"), and
    /// printable ASCII only, so it goes into a Location header as it is.
    /// </summary>
    public static string? LocalOrNull(string? url)
    {
        if (url is not { Length: > 0 } u || u[0] != '/' || u.Length > 2048) return null;
        if (u.Length > 1 && (u[1] == '/' || u[1] == '\\')) return null;
        foreach (var c in u)
            if (c <= ' ' || c >= 0x7F || c == '\\') return null;
        return u;
    }

    private static string FailedLogin(string? returnUrl, string error = "1") =>
        returnUrl is null ? $"{LoginPage}?error={error}" : $"{LoginPage}?error={error}&returnUrl={Uri.EscapeDataString(returnUrl)}";
}
