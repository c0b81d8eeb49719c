using Ioc.Grains;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Dashboard.Auth;

/// <summary>Checks and creates people with ASP.NET Core Identity's password hasher (PBKDF2, versioned).</summary>
public sealed class UserService(IGrainFactory grains, IPasswordHasher<UserRecord> hasher, TimeProvider time)
{
    private IUserDirectoryGrain Directory => grains.GetGrain<IUserDirectoryGrain>(0);

    public async Task<UserRecord?> CheckPassword(string username, string password)
    {
        var user = await Directory.Find(username);
        if (user is null)
        {
            // Same work for unknown names, so timing does not tell which usernames exist.
            hasher.VerifyHashedPassword(Placeholder, Placeholder.PasswordHash, password);
            return null;
        }
        return hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }

    public async Task<UserRecord?> Create(string username, string password, string role, string? ward)
    {
        var blank = new UserRecord(username, "", role, ward, time.GetUtcNow());
        var user = blank with { PasswordHash = hasher.HashPassword(blank, password) };
        return await Directory.Create(user) ? user : null;
    }

    public Task<int> Count() => Directory.Count();

    private static readonly UserRecord Placeholder = new("-", new PasswordHasher<UserRecord>().HashPassword(null!, "placeholder"), Roles.City, null, default);
}
