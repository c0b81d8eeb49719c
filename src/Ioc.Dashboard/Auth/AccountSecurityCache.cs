using System.Collections.Concurrent;
using System.Security.Claims;
using Ioc.Accounts;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Auth;

/// <summary>
/// Every request of a person is checked against their account's stamp and signed-out sessions,
/// read from the account grain and trusted for <see cref="AccountOptions.SessionCheckSeconds"/>.
/// A change made in this process (sign-out, new password) replaces the entry at once.
/// </summary>
public sealed class AccountSecurityCache(IGrainFactory grains, TimeProvider time, IOptions<AccountOptions> options)
{
    private const int MaxAccounts = 10_000;
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(Math.Max(0, options.Value.SessionCheckSeconds));
    private readonly ConcurrentDictionary<string, (AccountSecurity Security, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    public static IAccountGrain Grain(IGrainFactory grains, string username) => grains.GetGrain<IAccountGrain>(username.ToLowerInvariant());

    public async ValueTask<AccountSecurity> Get(string username)
    {
        var key = username.ToLowerInvariant();
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(key, out var hit) && hit.Until > now) return hit.Security;
        var security = await Grain(grains, key).GetSecurity();
        Put(key, security);
        return security;
    }

    public void Put(string username, AccountSecurity security)
    {
        if (_cache.Count > MaxAccounts) _cache.Clear();
        _cache[username.ToLowerInvariant()] = (security, time.GetUtcNow() + _ttl);
    }

    /// <summary>Whether a person's cookie or token still holds: their account's current stamp, a session not signed out.</summary>
    public async ValueTask<bool> Admits(ClaimsPrincipal user)
    {
        if (user.Identity?.Name is not { Length: > 0 } name) return false;
        var security = await Get(name);
        return security.Admits(user.FindFirstValue(IocClaims.Stamp), user.FindFirstValue(IocClaims.Session));
    }
}
