namespace Ioc.Ingest.Devices;

public static class DeviceClaims
{
    public const string Scheme = "DeviceKey";
    public const string DeviceId = "ioc:device";
    public const string Kind = "ioc:kind";
    public const string Ward = "ioc:ward";
}
