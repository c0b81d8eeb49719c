namespace Ioc.Accounts;

/// <summary>After a wrong password: the lockout's end when this one started it, otherwise null.</summary>
[GenerateSerializer, Immutable]
public sealed record LockoutOutcome([property: Id(0)] DateTimeOffset? LockedUntil);
