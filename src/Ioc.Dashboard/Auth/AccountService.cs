using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using Ioc.Accounts;
using Ioc.Dashboard.Audit;
using Ioc.Grains;
using Microsoft.Extensions.Options;

namespace Ioc.Dashboard.Auth;

/// <summary>
/// Signing in, signing out and changing a password, for the form, the API and token sign-in
/// alike: a per-account lockout (also for usernames nobody has, so a lockout does not tell which
/// exist), a per-address limit over all usernames, and an audit line for each of them.
/// </summary>
public sealed class AccountService
{
    /// <summary>The longest a cookie (12 h, sliding) or token (8 h) can live: how long a signed-out session stays refused.</summary>
    public static readonly TimeSpan LongestSession = TimeSpan.FromHours(12);

    private readonly UserService _users;
    private readonly IGrainFactory _grains;
    private readonly AccountSecurityCache _security;
    private readonly AuditLog _audit;
    private readonly TimeProvider _time;
    private readonly LockoutRule _lockout;
    private readonly FailureWindow _unknownUsers;
    private readonly FailureWindow _addresses;
    private readonly AccountOptions _options;

    public AccountService(UserService users, IGrainFactory grains, AccountSecurityCache security, AuditLog audit, TimeProvider time, IOptions<AccountOptions> options)
    {
        (_users, _grains, _security, _audit, _time, _options) = (users, grains, security, audit, time, options.Value);
        _lockout = new LockoutRule(Math.Max(1, _options.MaxFailedSignIns), TimeSpan.FromMinutes(_options.LockoutMinutes));
        _unknownUsers = new FailureWindow(_lockout.MaxFailures, _lockout.Duration, time);
        _addresses = new FailureWindow(Math.Max(1, _options.MaxFailuresPerAddress), TimeSpan.FromMinutes(_options.AddressWindowMinutes), time);
    }

    /// <param name="via">How: <c>form</c>, <c>api</c> (cookie) or <c>token</c>.</param>
    public async Task<SignInResult> SignIn(string username, string password, string address, string via)
    {
        username = username.Trim();
        if (_addresses.Blocked(address) is { } wait) return new SignInResult(SignInOutcome.AddressLimited, RetryAfter: wait);
        var user = await _users.Find(username);
        var result = await CheckPassword(user, username, password, address, via);
        if (result.Succeeded) _audit.Write(AuditActions.SignIn, user!.Username, user.Username, address, via);
        return result;
    }

    /// <summary>Ends the session this cookie or token belongs to, in this process at once.</summary>
    public async Task SignOut(ClaimsPrincipal user, string address, string via)
    {
        if (user.Identity?.Name is not { Length: > 0 } name || user.FindFirstValue(IocClaims.Session) is not { } session) return;
        var security = await AccountSecurityCache.Grain(_grains, name).RevokeSession(session, _time.GetUtcNow(), LongestSession);
        _security.Put(name, security);
        _audit.Write(AuditActions.SignOut, name, name, address, via);
    }

    /// <summary>A new password for the signed-in person; every cookie and token of theirs stops working.</summary>
    public async Task<SignInResult> ChangePassword(ClaimsPrincipal principal, string current, string next, string address)
    {
        var name = principal.Identity?.Name ?? "";
        var user = await _users.Find(name);
        if (user is null) return new SignInResult(SignInOutcome.WrongPassword);
        if (PasswordPolicy.Check(user.Username, next) is { } weak) return new SignInResult(SignInOutcome.BadNewPassword, Reason: weak);
        if (next == current) return new SignInResult(SignInOutcome.BadNewPassword, Reason: "must differ from the current password");
        var check = await CheckPassword(user, user.Username, current, address, "password-change");
        if (!check.Succeeded) return check;
        var security = await AccountSecurityCache.Grain(_grains, user.Username).ChangePassword(_users.Hash(user, next));
        _security.Put(user.Username, security);
        _audit.Write(AuditActions.PasswordChanged, user.Username, user.Username, address);
        return check with { Session = NewSession(security) };
    }

    private async Task<SignInResult> CheckPassword(UserRecord? user, string username, string password, string address, string via)
    {
        var now = _time.GetUtcNow();
        var key = username.ToLowerInvariant();
        var account = user is null ? null : AccountSecurityCache.Grain(_grains, user.Username);
        var lockedFor = account is null ? _unknownUsers.Blocked(key) : await account.LockedUntil(now) - now;
        if (lockedFor > TimeSpan.Zero) return new SignInResult(SignInOutcome.LockedOut, RetryAfter: lockedFor);

        var security = account is null ? null : await account.GetSecurity();
        if (_users.Verify(user, security?.PasswordHash, password))
        {
            await account!.RecordSuccess();
            _security.Put(user!.Username, security!);
            return new SignInResult(SignInOutcome.SignedIn, user, NewSession(security!));
        }

        var addressBlocked = _addresses.Record(address);
        var lockedUntil = account is null
            ? _unknownUsers.Record(key) ? now + _lockout.Duration : null
            : (await account.RecordFailure(now, _lockout)).LockedUntil;
        _audit.Write(AuditActions.SignInFailed, username, username, address, $"{via}: wrong username or password");
        if (lockedUntil is { } until)
            _audit.Write(AuditActions.LockedOut, username, username, address,
                $"{_lockout.MaxFailures} wrong passwords within {_lockout.Duration.TotalMinutes:0} min; locked until {until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}");
        if (addressBlocked)
            _audit.Write(AuditActions.AddressLimited, "-", address, address,
                $"{_options.MaxFailuresPerAddress} failed sign-ins within {_options.AddressWindowMinutes:0} min");
        return new SignInResult(SignInOutcome.WrongPassword);
    }

    private static AccountSession NewSession(AccountSecurity security) =>
        new(Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), security.Stamp);
}
