using Ioc.Grains;
using Ioc.Ingest.Http;
using Microsoft.Extensions.Options;

namespace Ioc.Ingest.Telemetry;

/// <summary>POST /api/v1/telemetry exactly as telemetry-v1 says: HTTP's own checks, then <see cref="TelemetryIntake"/>.</summary>
public static class TelemetryEndpoint
{
    public const string Path = "/api/v1/telemetry";
    public const string DevicePolicy = "device";

    public static IEndpointConventionBuilder MapIocTelemetry(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, Handle).RequireAuthorization(DevicePolicy).DisableAntiforgery().AddEndpointFilter(IngestMetrics.Filter)
            .WithName("PostTelemetry").WithTags("Devices")
            .WithSummary("A batch of 1 to 5,000 telemetry events from one device (telemetry-v1)")
            .Produces<TelemetryAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<IResult> Handle(HttpContext http, TelemetryIntake intake, IOptions<IngestOptions> options)
    {
        var device = (DeviceInfo)http.Items[typeof(DeviceInfo)]!;
        if (intake.Admit(device) is { } limited) return Answer(http, limited);

        if (TelemetryContent.TypeProblem(http.Request) is { } badType) return badType;
        if (TelemetryContent.EncodingProblem(http.Request, out var gzip) is { } badEncoding) return badEncoding;

        var max = intake.MaxBodyBytes;
        if (http.Request.ContentLength > max && !gzip) return RequestBody.TooLarge(max);

        using var body = await RequestBody.Read(http.Request, gzip, max, TimeSpan.FromSeconds(options.Value.BodyTimeoutSeconds), http.RequestAborted);
        if (body.Problem is { } unread) return unread;
        return Answer(http, await intake.Apply(device, body.Memory, http.RequestAborted));
    }

    private static IResult Answer(HttpContext http, IntakeOutcome outcome)
    {
        http.Items[IngestMetrics.EventCountKey] = outcome.EventCount;
        return outcome.Accepted is { } accepted
            ? Results.Json(accepted, statusCode: StatusCodes.Status202Accepted)
            : Problems.Result(outcome.Problem!, outcome.RetryAfter);
    }
}
