namespace Ioc.Dashboard.Api;

public sealed record TokenIssued(string Token, DateTimeOffset ExpiresAt);
