using System.Security.Claims;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Security;

namespace Ioc.Dashboard.Api;

/// <summary>A person acting on alerts or silences, from where (their address) and through what (<c>api</c> or <c>page</c>), for the audit trail.</summary>
public sealed record Actor(ClaimsPrincipal User, string Address, string Via)
{
    public string Name => User.Name();

    /// <summary>The person behind an API request.</summary>
    public static Actor Api(HttpContext http) => new(http.User, ClientAddress.Of(http), "api");
}
