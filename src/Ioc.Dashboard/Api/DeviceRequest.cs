namespace Ioc.Dashboard.Api;

public sealed record DeviceRequest(string? DeviceId, string? Kind, string? Ward, string[]? Wards);
