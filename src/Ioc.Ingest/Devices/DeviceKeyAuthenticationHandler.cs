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

/// <summary>
/// <c>Authorization: Bearer iocd_…</c>: a device. The principal carries the device id, its kind
/// and the wards it may write.
/// </summary>
public sealed class DeviceKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DeviceKeyCache devices) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (BearerToken(Request) is not { } key || !DeviceKeys.LooksLikeDeviceKey(key)) return AuthenticateResult.NoResult();
        var device = await devices.FindAsync(key);
        if (device is null) return AuthenticateResult.Fail("Unknown device key.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, device.DeviceId),
            new(ClaimTypes.Role, Roles.Device),
            new(DeviceClaims.DeviceId, device.DeviceId),
            new(DeviceClaims.Kind, device.Kind),
        };
        claims.AddRange(device.Wards.Select(w => new Claim(DeviceClaims.Ward, w)));
        Context.Items[typeof(DeviceInfo)] = device;
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        Problems.Of(StatusCodes.Status401Unauthorized, "Missing or unknown device key",
            "Send the device's key as 'Authorization: Bearer <key>'.").ExecuteAsync(Context);

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Problems.Of(StatusCodes.Status403Forbidden, "This key may not do that").ExecuteAsync(Context);

    public static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }
}
