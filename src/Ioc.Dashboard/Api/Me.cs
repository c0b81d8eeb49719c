namespace Ioc.Dashboard.Api;

public sealed record Me(string Username, string Role, string? Ward);
