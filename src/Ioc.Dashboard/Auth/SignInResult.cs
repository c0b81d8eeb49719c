using Ioc.Grains;

namespace Ioc.Dashboard.Auth;

/// <summary>What a sign-in (or a password change, which checks the password the same way) came to.</summary>
public sealed record SignInResult(SignInOutcome Outcome, UserRecord? User = null, AccountSession? Session = null, TimeSpan? RetryAfter = null, string? Reason = null)
{
    public bool Succeeded => Outcome == SignInOutcome.SignedIn;
}
