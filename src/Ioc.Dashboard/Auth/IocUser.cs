using System.Security.Claims;
using Ioc.Grains;
using Ioc.Ingest.Devices;

namespace Ioc.Dashboard.Auth;

/// <summary>What the signed-in principal may see and do, per api-v1's role table.</summary>
public static class IocUser
{
    public static string Name(this ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static bool IsCityWide(this ClaimsPrincipal user) => user.IsInRole(Roles.City) || user.IsInRole(Roles.Admin);

    public static bool IsPerson(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.City) || user.IsInRole(Roles.Admin) || user.IsInRole(Roles.WardChief);

    /// <summary>The ward a ward chief is bound to.</summary>
    public static string? ChiefWard(this ClaimsPrincipal user) =>
        user.IsInRole(Roles.WardChief) ? user.FindFirstValue(IocClaims.Ward) : null;

    public static bool MaySeeWard(this ClaimsPrincipal user, string ward) =>
        user.IsCityWide() || (user.ChiefWard() is { } own && own == ward);

    /// <summary>Staffing advice is accepted by the ward's own chief or by city leaders: they order the desks (not admins, not devices).</summary>
    public static bool MayAcceptAdvice(this ClaimsPrincipal user, string ward) =>
        user.IsInRole(Roles.City) || (user.ChiefWard() is { } own && own == ward);

    /// <summary>The same rule for a stored person (an alert's owner must be allowed to see its ward).</summary>
    public static bool MaySeeWard(this UserRecord user, string ward) =>
        user.Role is Roles.City or Roles.Admin || (user.Role == Roles.WardChief && user.Ward == ward);

    /// <summary>A device key may read its own ward's wait estimate (what the robot shows).</summary>
    public static bool IsDeviceOf(this ClaimsPrincipal user, string ward) =>
        user.IsInRole(Roles.Device) && user.FindAll(DeviceClaims.Ward).Any(c => c.Value == ward);

    public static ClaimsPrincipal For(UserRecord u, string scheme, AccountSession session)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, u.Username), new(ClaimTypes.Role, u.Role),
            new(IocClaims.Session, session.SessionId), new(IocClaims.Stamp, session.Stamp),
        };
        if (u.Ward is not null) claims.Add(new Claim(IocClaims.Ward, u.Ward));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
