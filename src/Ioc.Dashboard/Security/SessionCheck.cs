using Ioc.Dashboard.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using System.Security.Claims;

namespace Ioc.Dashboard.Security;

/// <summary>
/// After authentication: a person's cookie or token counts only while it carries the account's
/// current stamp and its session was not signed out (<see cref="AccountSecurityCache"/>). One that
/// fails is treated as no credential at all: the request goes on anonymous (401 or the sign-in page)
/// and a stale cookie is deleted.
/// </summary>
public static class SessionCheck
{
    public static async Task Run(HttpContext http, RequestDelegate next)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated == true && user.IsPerson()
            && !await http.RequestServices.GetRequiredService<AccountSecurityCache>().Admits(user))
        {
            if (user.Identity.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme)
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }
        await next(http);
    }
}
