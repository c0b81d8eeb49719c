using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>
/// One valid event of each telemetry-v1 type, as the device allowed to send it would: every
/// hostile request starts from one of these and breaks exactly what it means to break.
/// </summary>
public static class Templates
{
    public const string Ward = "00004";
    public const string OtherWard = "00008";

    /// <summary>Device kind → device id in <see cref="HostileCity"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> Devices = new Dictionary<string, string>
    {
        ["robot"] = "h-robot", ["counter"] = "h-counter", ["kiosk"] = "h-kiosk", ["dvc"] = "h-dvc",
    };

    /// <summary>(type, the device that sends it, the event).</summary>
    public static IEnumerable<(string Type, string Device, JsonObject Event)> All(DateTimeOffset now)
    {
        var ts = CenterHost.Rfc3339(now);
        var due = CenterHost.Rfc3339(now.AddDays(3));
        yield return ("robot.state", "robot", Event("robot.state", "robot", ts, new JsonObject
        {
            ["pose"] = new JsonObject { ["x"] = 3.5, ["y"] = 4, ["yaw"] = 1.2, ["floor"] = "G" }, ["battery"] = 80, ["mode"] = "error", ["issue"] = "Kẹt bánh xe",
        }));
        yield return ("counter.state", "counter", Event("counter.state", "counter", ts, new JsonObject
        {
            ["counter"] = "3", ["status"] = "open", ["services"] = new JsonArray("ho-tich", "chung-thuc"),
        }));
        yield return ("ticket.issued", "kiosk", Event("ticket.issued", "kiosk", ts, new JsonObject { ["ticket"] = "A012", ["service"] = "ho-tich", ["channel"] = "kiosk" }));
        foreach (var type in new[] { "ticket.called", "ticket.served", "ticket.noshow" })
            yield return (type, "kiosk", Event(type, "kiosk", ts, new JsonObject { ["ticket"] = "A012", ["counter"] = "3" }));
        yield return ("rating.submitted", "kiosk", Event("rating.submitted", "kiosk", ts, new JsonObject { ["score"] = 5, ["ticket"] = "A012", ["counter"] = "3" }));
        yield return ("dossier.received", "dvc", Event("dossier.received", "dvc", ts, new JsonObject
        {
            ["dossier"] = "HS-001", ["procedure"] = "Đăng ký khai sinh", ["service"] = "ho-tich", ["channel"] = "online", ["dueAt"] = due,
            ["digitized"] = true, ["receivedAt"] = Ward,
        }));
        foreach (var type in new[] { "dossier.paused", "dossier.resumed", "dossier.resolved" })
            yield return (type, "dvc", Event(type, "dvc", ts, new JsonObject { ["dossier"] = "HS-001" }));
    }

    /// <summary>The string fields of an event (nested ones as "pose.floor"), each with its rule's limit.</summary>
    public static IEnumerable<(string Path, int Limit)> StringFields(string type, JsonObject e)
    {
        foreach (var (name, value) in e)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out _)) yield return (name, Limit(type, name));
            if (value is JsonObject o)
                foreach (var (inner, iv) in o)
                    if (iv is JsonValue x && x.TryGetValue<string>(out _)) yield return ($"{name}.{inner}", 256);
        }
    }

    public static int Limit(string type, string field) => field switch
    {
        "id" => 64, "issue" => 500, "procedure" => 300, "counter" when type == "counter.state" => 16, _ => 256,
    };

    /// <summary>Fields an event must carry (absent or null makes it invalid).</summary>
    public static bool IsRequired(string type, string field) => field switch
    {
        "issue" or "digitized" or "receivedAt" => false,
        "ticket" or "counter" when type == "rating.submitted" => false,
        _ => true,
    };

    public static JsonObject Batch(params JsonNode[] events) => new() { ["events"] = new JsonArray([.. events.Select(e => e.DeepClone())]) };

    private static JsonObject Event(string type, string device, string ts, JsonObject fields)
    {
        var e = new JsonObject { ["type"] = type, ["id"] = "valid-id", ["deviceId"] = Devices[device], ["ward"] = Ward, ["ts"] = ts };
        foreach (var (k, v) in fields) e[k] = v?.DeepClone();
        return e;
    }
}
