using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>
/// Times that are not RFC 3339 exactly (the "…02.120 +07:00" that raised an overdue alert among
/// them), years no device can mean (0001, 9999), and times outside the bounds: more than 5 min
/// ahead, more than 48 h old for anything but dossier.*.
/// </summary>
public static class TimeCases
{
    public static readonly string[] NotRfc3339 =
    [
        "2026-11-25 09:00:00+07:00", "2026-11-25T09:00:00 +07:00", "2026-11-25T09:00:02.120 +07:00", "2026-11-25T09:00:00",
        "2026-11-25T09:00:00+0700", "2026-11-25T09:00:00+07", "2026-11-25T09:00+07:00", "2026-11-25", "09:00:00+07:00",
        " 2026-11-25T09:00:00+07:00", "2026-11-25T09:00:00+07:00 ", "2026-11-25T09:00:00Z ", "2026-11-25T09:00:00ZZ",
        "2026-11-25T09:00:00.+07:00", "2026-11-25T09:00:00,5+07:00", "2026-11-25T24:00:00+07:00", "2026-11-25T09:60:00+07:00",
        "2026-11-25T09:00:60+07:00", "2026-13-25T09:00:00+07:00", "2026-02-30T09:00:00+07:00", "2026-00-10T09:00:00+07:00",
        "2026-11-00T09:00:00+07:00", "2026-11-25T09:00:00+25:00", "2026-11-25T09:00:00+15:00", "2026-11-25T09:00:00+07:60",
        "2026-11-25T09:00:00\u221207:00", "\uFF12\uFF10\uFF12\uFF16-11-25T09:00:00+07:00", "2026-11-25T09:00:00+07:00[Asia/Ho_Chi_Minh]",
        "2026-W48-3T09:00:00+07:00", "2026-329T09:00:00+07:00", "20261125T090000+0700", "+2026-11-25T09:00:00+07:00",
        "-2026-11-25T09:00:00+07:00", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+07:00", "9999-12-31T23:59:59-07:00",
        "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "now", "", "Wed, 25 Nov 2026 09:00:00 +0700",
        "1764036000", "2026-11-25T09:00:00.123456789012+07:00x", "2026-11-25t09:00:00z+07:00", "2026-11-25T09:00:00\u0000+07:00",
    ];

    private static readonly JsonNode?[] NotText = [1764036000, true, new JsonObject(), new JsonArray("2026-11-25T09:00:00+07:00")];

    public static IEnumerable<HostileRequest> All(DateTimeOffset now)
    {
        var templates = Templates.All(now).ToList();
        var targets = templates.Where(t => t.Type is "ticket.issued" or "robot.state" or "rating.submitted" or "dossier.resolved")
            .Select(t => (t.Type, t.Device, t.Event, Field: "ts"))
            .Append(templates.Where(t => t.Type == "dossier.received").Select(t => (t.Type, t.Device, t.Event, Field: "dueAt")).Single())
            .Append(templates.Where(t => t.Type == "dossier.received").Select(t => (t.Type, t.Device, t.Event, Field: "ts")).Single());
        foreach (var (type, device, e, field) in targets)
        {
            for (var i = 0; i < NotRfc3339.Length; i++)
                yield return HostileRequest.Telemetry("time", $"{type}.{field}.format-{i}", device, Bytes(JsonEdit.With(e, field, NotRfc3339[i])));
            for (var i = 0; i < NotText.Length; i++)
                yield return HostileRequest.Telemetry("time", $"{type}.{field}.type-{i}", device, Bytes(JsonEdit.With(e, field, NotText[i]?.DeepClone())));
        }
        foreach (var (type, device, e) in templates)
        {
            foreach (var (ahead, label) in new[] { (TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2), "5min2s"), (TimeSpan.FromDays(1), "1d"), (TimeSpan.FromDays(365 * 5), "5y") })
                yield return HostileRequest.Telemetry("time", $"{type}.future-{label}", device, Bytes(JsonEdit.With(e, "ts", CenterHost.Rfc3339(now + ahead))));
            if (type.StartsWith("dossier.", StringComparison.Ordinal)) continue;
            foreach (var (back, label) in new[] { (TimeSpan.FromHours(48) + TimeSpan.FromSeconds(2), "48h2s"), (TimeSpan.FromDays(30), "30d"), (TimeSpan.FromDays(365 * 3), "3y") })
                yield return HostileRequest.Telemetry("time", $"{type}.old-{label}", device, Bytes(JsonEdit.With(e, "ts", CenterHost.Rfc3339(now - back))));
        }
        var received = templates.Single(t => t.Type == "dossier.received");
        yield return HostileRequest.Telemetry("time", "dossier.received.dueAt-2150", "dvc", Bytes(JsonEdit.With(received.Event, "dueAt", "2150-01-01T00:00:00+07:00")));
        yield return HostileRequest.Telemetry("time", "dossier.received.ts-1990", "dvc", Bytes(JsonEdit.With(received.Event, "ts", "1990-01-01T00:00:00+07:00")));
    }

    private static byte[] Bytes(JsonObject e) => TextCases.Utf8(Templates.Batch(e).ToJsonString());
}
