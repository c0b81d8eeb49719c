namespace Ioc.Dashboard.Api;

public sealed record PasswordChange(string? CurrentPassword, string? NewPassword);
