using System.Collections.Immutable;

namespace Ioc.Accounts;

/// <summary>
/// What a request's cookie or token is checked against: it must carry this <see cref="Stamp"/>
/// and a session id that is not in <see cref="RevokedSessions"/>. <see cref="PasswordHash"/> is
/// null until the person changes the password the admin gave them.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AccountSecurity(
    [property: Id(0)] string Stamp,
    [property: Id(1)] ImmutableHashSet<string> RevokedSessions,
    [property: Id(2)] string? PasswordHash)
{
    public bool Admits(string? stamp, string? sessionId) =>
        stamp is not null && sessionId is not null && stamp == Stamp && !RevokedSessions.Contains(sessionId);
}
