using System.Text.Json;
using System.Text.RegularExpressions;
using Ioc.Simulator.Http;
using Ioc.Simulator.Model;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Simulator.Tests;

/// <summary>The field rules of telemetry v1, checked on the JSON a device would send.</summary>
internal static partial class TelemetryValidator
{
    private static readonly WardDirectory Hanoi = WardDirectory.Load(WardDirectory.HanoiRegion);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+07:00$")]
    private static partial Regex Rfc3339Hanoi();

    /// <summary>Returns the problems of one event (empty when valid).</summary>
    public static List<string> Check(SimEvent e, CityLayout layout, DateTimeOffset notAfter)
    {
        var errors = new List<string>();
        void Fail(string message) => errors.Add($"{e.Type} {e.Id}: {message}");

        using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(e, TelemetryJson.Options));
        var j = doc.RootElement;
        string? Str(string name) => j.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

        if (!EventTypes.All.Contains(Str("type"))) Fail("unknown type");
        var id = Str("id");
        if (string.IsNullOrEmpty(id) || id.Length > 64) Fail("id missing or longer than 64");
        var deviceId = Str("deviceId");
        if (string.IsNullOrEmpty(deviceId)) Fail("deviceId missing");
        var ward = Str("ward");
        if (!Hanoi.Contains(ward) || ward is null || !layout.ByCode.TryGetValue(ward, out var profile)) { Fail("unknown ward"); return errors; }
        var ts = Str("ts");
        if (ts is null || !Rfc3339Hanoi().IsMatch(ts)) Fail($"ts '{ts}' is not RFC 3339 in +07:00");
        else if (DateTimeOffset.Parse(ts, System.Globalization.CultureInfo.InvariantCulture) > notAfter + TimeSpan.FromMinutes(5)) Fail("ts in the future");

        var device = deviceId is null ? null : layout.DeviceById.GetValueOrDefault(deviceId);
        if (device is null) { Fail("device not in the layout"); return errors; }
        if (!device.CanWrite(ward)) Fail("device may not write this ward");

        var labels = profile.Hall.Desks.Select(d => d.Counter).ToHashSet();
        switch (e.Type)
        {
            case EventTypes.RobotState:
                if (device.Kind != DeviceKinds.Robot) Fail("robot.state from a non-robot");
                if (!j.TryGetProperty("pose", out var pose)) { Fail("pose missing"); break; }
                var x = pose.GetProperty("x").GetDouble();
                var y = pose.GetProperty("y").GetDouble();
                var yaw = pose.GetProperty("yaw").GetDouble();
                if (x < 0 || x > profile.Hall.Width || y < 0 || y > profile.Hall.Height) Fail($"pose ({x},{y}) outside the hall {profile.Hall.Width}x{profile.Hall.Height}");
                if (!double.IsFinite(yaw) || Math.Abs(yaw) > Math.PI + 1e-6) Fail("yaw out of range");
                if (string.IsNullOrEmpty(pose.GetProperty("floor").GetString())) Fail("floor missing");
                if (!j.TryGetProperty("battery", out var battery) || battery.GetDouble() is < 0 or > 100) Fail("battery not 0–100");
                var mode = Str("mode");
                if (!RobotModes.All.Contains(mode)) Fail($"mode '{mode}'");
                var issue = Str("issue");
                if (mode is "error" or "emergency" ? string.IsNullOrEmpty(issue) : issue is not null) Fail("issue only (and always) with error/emergency");
                break;
            case EventTypes.CounterState:
                if (device.Kind != DeviceKinds.Counter) Fail("counter.state from a non-counter");
                if (!labels.Contains(Str("counter") ?? "")) Fail("counter label not in the hall plan");
                if (device.DeviceId != profile.CounterId(int.Parse(Str("counter") ?? "0", System.Globalization.CultureInfo.InvariantCulture))) Fail("counter label does not match the device");
                if (!CounterStatuses.All.Contains(Str("status"))) Fail("status");
                if (!j.TryGetProperty("services", out var services) || services.GetArrayLength() == 0 || services.EnumerateArray().Any(s => !ServiceCodes.IsKnown(s.GetString()))) Fail("services");
                break;
            case EventTypes.TicketIssued:
                if (device.Kind is not (DeviceKinds.Robot or DeviceKinds.Kiosk)) Fail("ticket.issued from a counter");
                if (string.IsNullOrEmpty(Str("ticket"))) Fail("ticket");
                if (!ServiceCodes.IsKnown(Str("service"))) Fail("service");
                if (!TicketChannels.All.Contains(Str("channel"))) Fail("channel");
                if (Str("channel") == "robot" && device.Kind != DeviceKinds.Robot) Fail("channel robot from a non-robot");
                break;
            case EventTypes.TicketCalled or EventTypes.TicketServed or EventTypes.TicketNoShow:
                if (device.Kind != DeviceKinds.Counter) Fail("ticket call from a non-counter");
                if (string.IsNullOrEmpty(Str("ticket"))) Fail("ticket");
                if (!labels.Contains(Str("counter") ?? "")) Fail("counter label");
                break;
            case EventTypes.RatingSubmitted:
                if (!j.TryGetProperty("score", out var score) || score.GetInt32() is < 1 or > 5) Fail("score");
                if (Str("counter") is { } c && !labels.Contains(c)) Fail("counter label");
                break;
            case EventTypes.DossierReceived:
                if (device.Kind != DeviceKinds.DossierSystem) Fail("dossier from a non dossier-system");
                if (string.IsNullOrEmpty(Str("dossier")) || string.IsNullOrEmpty(Str("procedure"))) Fail("dossier/procedure");
                if (!ServiceCodes.IsKnown(Str("service"))) Fail("service");
                if (!DossierChannels.All.Contains(Str("channel"))) Fail("channel");
                var due = Str("dueAt");
                if (due is null || !Rfc3339Hanoi().IsMatch(due)) Fail("dueAt");
                else if (DateTimeOffset.Parse(due, System.Globalization.CultureInfo.InvariantCulture) <= e.Ts) Fail("dueAt not after ts");
                if (j.TryGetProperty("digitized", out var digitized) && digitized.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) Fail("digitized not a boolean");
                if (Str("receivedAt") is { } at && (!Hanoi.Contains(at) || at == ward)) Fail($"receivedAt '{at}' not another ward's code");
                break;
            case EventTypes.DossierPaused or EventTypes.DossierResumed or EventTypes.DossierResolved:
                if (device.Kind != DeviceKinds.DossierSystem) Fail("dossier from a non dossier-system");
                if (string.IsNullOrEmpty(Str("dossier"))) Fail("dossier");
                break;
        }
        return errors;
    }
}
