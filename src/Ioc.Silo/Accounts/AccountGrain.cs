using System.Collections.Immutable;
using System.Security.Cryptography;
using Ioc.Accounts;

namespace Ioc.Silo.Accounts;

public sealed class AccountGrain(
    [PersistentState("account", "ioc")] IPersistentState<AccountState> store) : Grain, IAccountGrain
{
    private AccountState S => store.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (S.Stamp is null)
        {
            S.Stamp = NewStamp();
            await store.WriteStateAsync(cancellationToken);
        }
    }

    public Task<AccountSecurity> GetSecurity() => Task.FromResult(Security());

    public Task<DateTimeOffset?> LockedUntil(DateTimeOffset now) => Task.FromResult(S.LockedUntil > now ? S.LockedUntil : null);

    public async Task<LockoutOutcome> RecordFailure(DateTimeOffset now, LockoutRule rule)
    {
        if (S.LockedUntil > now) return new LockoutOutcome(null);
        S.LockedUntil = null;
        S.Failures.RemoveAll(t => t + rule.Duration <= now);
        S.Failures.Add(now);
        DateTimeOffset? started = null;
        if (S.Failures.Count >= rule.MaxFailures)
        {
            started = S.LockedUntil = now + rule.Duration;
            S.Failures.Clear();
        }
        await store.WriteStateAsync();
        return new LockoutOutcome(started);
    }

    public async Task RecordSuccess()
    {
        if (S.Failures.Count == 0 && S.LockedUntil is null) return;
        S.Failures.Clear();
        S.LockedUntil = null;
        await store.WriteStateAsync();
    }

    public async Task<AccountSecurity> RevokeSession(string sessionId, DateTimeOffset now, TimeSpan keepFor)
    {
        foreach (var id in S.RevokedSessions.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList()) S.RevokedSessions.Remove(id);
        S.RevokedSessions[sessionId] = now + keepFor;
        await store.WriteStateAsync();
        return Security();
    }

    public async Task<AccountSecurity> ChangePassword(string passwordHash)
    {
        S.PasswordHash = passwordHash;
        // Every session carried the old stamp: a new one ends them all, so revoked ids can go too.
        S.Stamp = NewStamp();
        S.RevokedSessions.Clear();
        await store.WriteStateAsync();
        return Security();
    }

    private AccountSecurity Security() => new(S.Stamp!, [.. S.RevokedSessions.Keys], S.PasswordHash);

    private static string NewStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
