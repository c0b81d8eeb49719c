using System.Security.Claims;
using System.Text.Encodings.Web;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Devices;

public static class DeviceClaims
{
    public const string Scheme = "DeviceKey";
    public const string DeviceId = "ioc:device";
    public const string Kind = "ioc:kind";
    public const string Ward = "ioc:ward";
}
