namespace Ioc.Dashboard.Auth;

/// <summary>One sign-in: the id that ends it alone, and the account's stamp at that moment.</summary>
public sealed record AccountSession(string SessionId, string Stamp);
