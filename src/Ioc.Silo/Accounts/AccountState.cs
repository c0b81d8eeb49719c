namespace Ioc.Silo.Accounts;

[GenerateSerializer]
public sealed class AccountState
{
    [Id(0)] public string? Stamp { get; set; }
    /// <summary>Session id → until when it must stay refused (after that the cookie or token has expired anyway).</summary>
    [Id(1)] public Dictionary<string, DateTimeOffset> RevokedSessions { get; set; } = new(StringComparer.Ordinal);
    /// <summary>When the recent wrong passwords were given (those within the lockout rule's window).</summary>
    [Id(2)] public List<DateTimeOffset> Failures { get; set; } = [];
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }
    [Id(4)] public string? PasswordHash { get; set; }
}
