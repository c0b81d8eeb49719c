namespace Ioc.Dashboard.Api;

public sealed record Credentials(string? Username, string? Password);
