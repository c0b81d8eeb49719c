namespace Ioc.Dashboard.Api;

public sealed record DeviceKeyIssued(string DeviceId, string Key);
