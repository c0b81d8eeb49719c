using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Ioc.Dashboard.Audit;
using Ioc.Dashboard.Auth;
using Ioc.Dashboard.Security;
using Ioc.Grains;
using Ioc.Ingest.Devices;
using Ioc.Ingest.Http;
using Ioc.Ingest.Mqtt;
using Ioc.Ingest.Telemetry;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Dashboard.Api;

public sealed record UserRequest(string? Username, string? Password, string? Role, string? Ward);
