namespace Ioc.Dashboard.Api;

public sealed record UserCreated(string Username, string Role, string? Ward);
