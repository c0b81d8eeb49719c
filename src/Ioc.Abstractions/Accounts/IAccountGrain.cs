namespace Ioc.Accounts;

/// <summary>
/// The security side of one person's account (key: lower-case username): the stamp every cookie
/// and token carries, the sessions signed out early, failed sign-ins and the lockout they lead
/// to, and the password hash once the person has changed it.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    Task<AccountSecurity> GetSecurity();

    /// <summary>When the account is locked out at <paramref name="now"/>, until when; otherwise null.</summary>
    Task<DateTimeOffset?> LockedUntil(DateTimeOffset now);

    /// <summary>Counts a wrong password; the answer says whether this one locked the account.</summary>
    Task<LockoutOutcome> RecordFailure(DateTimeOffset now, LockoutRule rule);

    Task RecordSuccess();

    /// <summary>Ends one session (a cookie or a token) before it expires; remembered for as long as it could still be presented.</summary>
    Task<AccountSecurity> RevokeSession(string sessionId, DateTimeOffset now, TimeSpan keepFor);

    /// <summary>A new password: every cookie and token of the account stops working.</summary>
    Task<AccountSecurity> ChangePassword(string passwordHash);
}
