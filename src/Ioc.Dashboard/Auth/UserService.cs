using Ioc.Grains;
using Microsoft.AspNetCore.Identity;

namespace Ioc.Dashboard.Auth;

/// <summary>Finds, checks and creates people with ASP.NET Core Identity's password hasher (PBKDF2, versioned).</summary>
public sealed class UserService(IGrainFactory grains, IPasswordHasher<UserRecord> hasher, TimeProvider time)
{
    private IUserDirectoryGrain Directory => grains.GetGrain<IUserDirectoryGrain>(0);

    public Task<UserRecord?> Find(string username) => Directory.Find(username);

    /// <summary>
    /// The password against the account's own hash once the person changed it, else the one the
    /// admin set. Unknown names cost the same work, so timing does not tell which usernames exist.
    /// </summary>
    public bool Verify(UserRecord? user, string? changedHash, string password)
    {
        if (user is null)
        {
            hasher.VerifyHashedPassword(Placeholder, Placeholder.PasswordHash, password);
            return false;
        }
        return hasher.VerifyHashedPassword(user, changedHash ?? user.PasswordHash, password) != PasswordVerificationResult.Failed;
    }

    public string Hash(UserRecord user, string password) => hasher.HashPassword(user, password);

    /// <summary>Null when the username is taken. The password must pass <see cref="PasswordPolicy"/> first.</summary>
    public async Task<UserRecord?> Create(string username, string password, string role, string? ward)
    {
        var blank = new UserRecord(username, "", role, ward, time.GetUtcNow());
        var user = blank with { PasswordHash = hasher.HashPassword(blank, password) };
        return await Directory.Create(user) ? user : null;
    }

    public Task<int> Count() => Directory.Count();

    private static readonly UserRecord Placeholder = new("-", new PasswordHasher<UserRecord>().HashPassword(null!, "placeholder"), Roles.City, null, default);
}
