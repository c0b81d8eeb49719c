using Ioc.Dashboard.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Ioc.Dashboard.Security;

/// <summary>
/// An open page (a Blazor circuit) checks its person's session every half minute as every request
/// does: signed out elsewhere or password changed, and the page goes back to the sign-in page.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggers, AccountSecurityCache accounts) : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken) =>
        !state.User.IsPerson() || await accounts.Admits(state.User);
}
