namespace Ioc.Dashboard.Api;

public sealed record UserRequest(string? Username, string? Password, string? Role, string? Ward);
