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

/// <summary>Admin-only: provisioning devices (key shown once) and creating people.</summary>
public static partial class AdminEndpoints
{
    public const string AdminPolicy = "admin";

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex DeviceIdPattern();

    [GeneratedRegex("^[A-Za-z0-9._@-]{3,64}$")]
    private static partial Regex UsernamePattern();

    /// <summary>
    /// The device's account on the cluster's MQTT broker (nothing to do with the embedded one). A broker that
    /// does not answer does not undo the provisioning: HTTP works, and rotating the key sets the account again.
    /// </summary>
    private static async Task OnBroker(IDeviceBrokerAccounts broker, DeviceInfo device, string key, ILoggerFactory loggers)
    {
        try { await broker.Upsert(device, key); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger(typeof(AdminEndpoints)).LogError(e, "Device {Device} has no account on the MQTT broker yet; rotate its key to try again", device.DeviceId);
        }
    }

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AdminPolicy).DisableAntiforgery();

        api.MapPost("/devices", async (DeviceRequest body, IGrainFactory grains, TimeProvider time, AuditLog audit, HttpContext http, WardDirectory directory,
            IDeviceBrokerAccounts broker, ILoggerFactory loggers) =>
        {
            var errors = new List<FieldError>();
            if (body.DeviceId is null || !DeviceIdPattern().IsMatch(body.DeviceId))
                errors.Add(new FieldError(-1, "deviceId", "is required: 1 to 64 letters, digits or . _ : -"));
            if (body.Kind is null || !DeviceKinds.All.Contains(body.Kind))
                errors.Add(new FieldError(-1, "kind", $"must be one of {string.Join(", ", DeviceKinds.All)}"));
            var wards = body.Kind == DeviceKinds.DossierSystem && body.Wards is { Length: > 0 }
                ? body.Wards.Distinct().ToImmutableArray()
                : body.Ward is null ? [] : [body.Ward];
            if (wards.IsEmpty)
                errors.Add(new FieldError(-1, "ward", body.Kind == DeviceKinds.DossierSystem ? "ward or wards is required" : "is required"));
            if (body.Wards is { Length: > 0 } && body.Kind != DeviceKinds.DossierSystem)
                errors.Add(new FieldError(-1, "wards", "only a dossier-system may write several wards"));
            foreach (var w in wards.Where(w => !directory.Contains(w)))
                errors.Add(new FieldError(-1, body.Wards is { Length: > 0 } ? "wards" : "ward", $"unknown ward code '{w}'"));
            if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid device");

            var key = DeviceKeys.NewKey();
            var device = new DeviceInfo(body.DeviceId!, body.Kind!, wards, time.GetUtcNow());
            var outcome = await grains.GetGrain<IDeviceRegistryGrain>(0).Provision(device, DeviceKeys.Hash(key));
            if (outcome == ProvisionOutcome.Conflict)
                return Problems.Field("deviceId", $"device '{body.DeviceId}' exists; POST /api/v1/devices/{body.DeviceId}/key issues a new key", StatusCodes.Status409Conflict);
            await OnBroker(broker, device, key, loggers);
            audit.Write(AuditActions.DeviceProvisioned, http.User.Name(), body.DeviceId, ClientAddress.Of(http), $"{body.Kind} for {string.Join(", ", wards)}");
            return Results.Created($"/api/v1/devices/{body.DeviceId}", new DeviceKeyIssued(body.DeviceId!, key));
        });

        api.MapPost("/devices/{deviceId}/key", async (string deviceId, IGrainFactory grains, DeviceKeyCache keys, AuditLog audit, HttpContext http,
            IDeviceBrokerAccounts broker, ILoggerFactory loggers) =>
        {
            var key = DeviceKeys.NewKey();
            var outcome = await grains.GetGrain<IDeviceRegistryGrain>(0).RotateKey(deviceId, DeviceKeys.Hash(key));
            if (outcome == ProvisionOutcome.NotFound) return Problems.Of(StatusCodes.Status404NotFound, $"No device '{TextRules.Echo(deviceId)}'");
            // The old key is refused by this process from now on (other processes: within their cache time).
            keys.ForgetDevice(deviceId);
            if (await grains.GetGrain<IDeviceRegistryGrain>(0).Find(deviceId) is { } device) await OnBroker(broker, device, key, loggers);
            audit.Write(AuditActions.DeviceKeyRotated, http.User.Name(), deviceId, ClientAddress.Of(http));
            return Results.Ok(new DeviceKeyIssued(deviceId, key));
        });

        api.MapGet("/devices", async (IGrainFactory grains) => Results.Ok(await grains.GetGrain<IDeviceRegistryGrain>(0).List()));

        api.MapPost("/users", async (UserRequest body, UserService users, AuditLog audit, HttpContext http, WardDirectory directory) =>
        {
            var errors = new List<FieldError>();
            if (body.Username is null || !UsernamePattern().IsMatch(body.Username))
                errors.Add(new FieldError(-1, "username", "is required: 3 to 64 letters, digits or . _ @ -"));
            if (PasswordPolicy.Check(body.Username, body.Password) is { } weak)
                errors.Add(new FieldError(-1, "password", weak));
            if (body.Role is null || !Roles.People.Contains(body.Role))
                errors.Add(new FieldError(-1, "role", $"must be one of {string.Join(", ", Roles.People)}"));
            if (body.Role == Roles.WardChief && !directory.Contains(body.Ward))
                errors.Add(new FieldError(-1, "ward", body.Ward is null ? "is required for a ward chief" : $"unknown ward code '{body.Ward}'"));
            if (body.Role != Roles.WardChief && body.Ward is not null)
                errors.Add(new FieldError(-1, "ward", "only a ward chief is bound to a ward"));
            if (errors.Count > 0) return Problems.BadRequest(errors, "Invalid user");
            var user = await users.Create(body.Username!, body.Password!, body.Role!, body.Ward);
            if (user is null) return Problems.Field("username", $"user '{body.Username}' exists", StatusCodes.Status409Conflict);
            audit.Write(AuditActions.UserCreated, http.User.Name(), user.Username, ClientAddress.Of(http), user.Ward is null ? user.Role : $"{user.Role} of {user.Ward}");
            return Results.Created($"/api/v1/users/{user.Username}", new UserCreated(user.Username, user.Role, user.Ward));
        });

        api.MapGet("/users", async (IGrainFactory grains) =>
            Results.Ok((await grains.GetGrain<IUserDirectoryGrain>(0).List()).Select(u => new UserCreated(u.Username, u.Role, u.Ward))));
    }
}
