using Ioc.Grains;
using Ioc.Ingest.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Telemetry;

public sealed record TelemetryAccepted(int Accepted, int Duplicates);
