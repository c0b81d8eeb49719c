using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Ingest.Telemetry;

/// <summary>A telemetry batch checked against telemetry-v1, field by field.</summary>
public sealed class ParsedBatch
{
    public List<RobotStateReport> Robots { get; } = [];
    public List<CounterStateReport> Counters { get; } = [];
    public List<(string Ward, BusinessEvent Event)> Business { get; } = [];
    public List<FieldError> Errors { get; } = [];
    public List<FieldError> Forbidden { get; } = [];
    /// <summary>Ids repeated inside this batch: duplicates before any grain sees them.</summary>
    public int InBatchDuplicates { get; set; }
    public int Count { get; set; }
    public required string DeviceId { get; init; }
}

/// <summary>
/// Reads a batch with <see cref="JsonDocument"/> rather than a typed deserializer so that every
/// wrong field of every event can be named (index, field, reason) in one answer.
/// </summary>
public sealed class TelemetryParser(WardDirectory wards)
{
    private WardDirectory Wards => wards;

    public const int MaxEvents = 5000;
    private const int MaxIdLength = 64;
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);

    public ParsedBatch Parse(JsonElement root, DeviceInfo device, DateTimeOffset now)
    {
        var batch = new ParsedBatch { DeviceId = device.DeviceId };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = root.GetProperty("events");
        var index = -1;
        foreach (var e in events.EnumerateArray())
        {
            index++;
            batch.Count++;
            new EventReader(this, e, index, device, now, batch).Read(seen);
        }
        return batch;
    }

    private sealed class EventReader(TelemetryParser parser, JsonElement e, int index, DeviceInfo device, DateTimeOffset now, ParsedBatch batch)
    {
        private bool _ok = true;
        // A repeated id inside one batch is checked like any event but applied only once.
        private bool _repeat;

        private void Error(string field, string message)
        {
            batch.Errors.Add(new FieldError(index, field, message));
            _ok = false;
        }

        public void Read(HashSet<string> seen)
        {
            if (e.ValueKind != JsonValueKind.Object) { Error("", "an event must be a JSON object"); return; }
            var type = Str("type", required: true);
            if (type is not null && !EventTypes.All.Contains(type)) Error("type", $"unknown type '{type}'");
            var id = Str("id", required: true);
            if (id is not null && (id.Length == 0 || id.Length > MaxIdLength)) Error("id", "must be 1 to 64 characters");
            _repeat = id is not null && !seen.Add(id);
            var deviceId = Str("deviceId", required: true);
            var ward = Str("ward", required: true);
            if (ward is not null && !parser.Wards.Contains(ward)) Error("ward", $"unknown ward code '{ward}'");
            var ts = Time("ts", required: true);
            if (ts is { } t && t - now > FutureTolerance) Error("ts", "is more than 5 minutes in the future");

            // Whose data it is comes before what is wrong with it: a foreign key must learn nothing else.
            if (deviceId is not null && deviceId != device.DeviceId)
                batch.Forbidden.Add(new FieldError(index, "deviceId", "is not the device of this key"));
            if (ward is not null && parser.Wards.Contains(ward) && !device.MayWrite(ward))
                batch.Forbidden.Add(new FieldError(index, "ward", $"this key may not write ward {ward}"));
            if (type == EventTypes.RobotState && device.Kind != DeviceKinds.Robot)
                batch.Forbidden.Add(new FieldError(index, "type", "only a robot key may send robot.state"));
            if (type == EventTypes.CounterState && device.Kind != DeviceKinds.Counter)
                batch.Forbidden.Add(new FieldError(index, "type", "only a counter key may send counter.state"));

            switch (type)
            {
                case EventTypes.RobotState: ReadRobot(id, ts, ward); break;
                case EventTypes.CounterState: ReadCounter(id, ts, ward, deviceId); break;
                case EventTypes.TicketIssued:
                    Add(id, ts, ward, type, deviceId, ticket: Str("ticket", true), service: Service("service"), channel: Enum("channel", TicketChannels.All));
                    break;
                case EventTypes.TicketCalled or EventTypes.TicketServed or EventTypes.TicketNoShow:
                    Add(id, ts, ward, type, deviceId, ticket: Str("ticket", true), counter: Str("counter", true));
                    break;
                case EventTypes.RatingSubmitted:
                    Add(id, ts, ward, type, deviceId, score: Score(), ticket: Str("ticket", false), counter: Str("counter", false));
                    break;
                case EventTypes.DossierReceived:
                    Add(id, ts, ward, type, deviceId, dossier: Str("dossier", true), procedure: Str("procedure", true),
                        service: Service("service"), channel: Enum("channel", DossierChannels.All), dueAt: Time("dueAt", true),
                        digitized: Bool("digitized"), receivedAt: WardCode("receivedAt"));
                    break;
                case EventTypes.DossierPaused or EventTypes.DossierResumed or EventTypes.DossierResolved:
                    Add(id, ts, ward, type, deviceId, dossier: Str("dossier", true));
                    break;
            }
            if (_ok && _repeat) batch.InBatchDuplicates++;
        }

        private void ReadRobot(string? id, DateTimeOffset? ts, string? ward)
        {
            Pose? pose = null;
            if (!e.TryGetProperty("pose", out var p) || p.ValueKind != JsonValueKind.Object) Error("pose", "is required: {x, y, yaw, floor}");
            else
            {
                var x = Num(p, "pose.x"); var y = Num(p, "pose.y"); var yaw = Num(p, "pose.yaw");
                string? floor = null;
                if (!p.TryGetProperty("floor", out var f) || f.ValueKind != JsonValueKind.String || f.GetString()!.Length == 0) Error("pose.floor", "is required text");
                else floor = f.GetString();
                if (x is { } a && y is { } b && yaw is { } c && floor is not null) pose = new Pose(a, b, c, floor);
            }
            var battery = Num(e, "battery");
            if (battery is < 0 or > 100) Error("battery", "must be 0 to 100");
            var mode = Enum("mode", RobotModes.All);
            var issue = Str("issue", false);
            if (issue is { Length: > 500 }) Error("issue", "must be at most 500 characters");
            if (_ok && !_repeat) batch.Robots.Add(new RobotStateReport(id!, ts!.Value, ward!, pose!, battery!.Value, mode!, issue));
        }

        private void ReadCounter(string? id, DateTimeOffset? ts, string? ward, string? deviceId)
        {
            var counter = Str("counter", true);
            if (counter is { Length: > 16 }) Error("counter", "must be at most 16 characters");
            var status = Enum("status", CounterStatuses.All);
            var services = ImmutableArray.CreateBuilder<string>();
            if (!e.TryGetProperty("services", out var s) || s.ValueKind != JsonValueKind.Array) Error("services", "is required: a list of service codes");
            else
            {
                foreach (var item in s.EnumerateArray())
                {
                    var code = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                    if (!ServiceCodes.IsKnown(code)) { Error("services", $"unknown service code '{(code ?? item.GetRawText())}'"); continue; }
                    if (!services.Contains(code!)) services.Add(code!);
                }
            }
            if (_ok && !_repeat) batch.Counters.Add(new CounterStateReport(id!, ts!.Value, ward!, deviceId!, counter!, status!, services.ToImmutable()));
        }

        private void Add(string? id, DateTimeOffset? ts, string? ward, string type, string? deviceId,
            string? ticket = null, string? service = null, string? channel = null, string? counter = null, int? score = null,
            string? dossier = null, string? procedure = null, DateTimeOffset? dueAt = null, bool? digitized = null, string? receivedAt = null)
        {
            if (!_ok || _repeat) return;
            batch.Business.Add((ward!, new BusinessEvent(id!, type, ts!.Value, deviceId!, ticket, service, channel, counter, score, dossier, procedure, dueAt,
                digitized, receivedAt)));
        }

        /// <summary>An optional boolean: absent or null is "not said".</summary>
        private bool? Bool(string name)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
            if (v.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) { Error(name, "must be true or false"); return null; }
            return v.GetBoolean();
        }

        /// <summary>An optional unit code of the region (another ward's service point).</summary>
        private string? WardCode(string name)
        {
            var s = Str(name, false);
            if (s is not null && !parser.Wards.Contains(s)) { Error(name, $"unknown ward code '{s}'"); return null; }
            return s;
        }

        private string? Str(string name, bool required)
        {
            if (!e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                if (required) Error(name, "is required");
                return null;
            }
            if (v.ValueKind != JsonValueKind.String) { Error(name, "must be a string"); return null; }
            var s = v.GetString()!;
            if (required && s.Length == 0) { Error(name, "must not be empty"); return null; }
            if (s.Length > 200 && name is not "issue") { Error(name, "must be at most 200 characters"); return null; }
            return s;
        }

        private string? Service(string name)
        {
            var s = Str(name, true);
            if (s is not null && !ServiceCodes.IsKnown(s)) { Error(name, $"unknown service code '{s}'"); return null; }
            return s;
        }

        private string? Enum(string name, IReadOnlyList<string> allowed)
        {
            var s = Str(name, true);
            if (s is not null && !allowed.Contains(s)) { Error(name, $"must be one of {string.Join(", ", allowed)}"); return null; }
            return s;
        }

        private double? Num(JsonElement parent, string path)
        {
            var name = path[(path.LastIndexOf('.') + 1)..];
            if (!parent.TryGetProperty(name, out var v)) { Error(path, "is required"); return null; }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !double.IsFinite(d)) { Error(path, "must be a number"); return null; }
            return d;
        }

        private int? Score()
        {
            if (!e.TryGetProperty("score", out var v)) { Error("score", "is required"); return null; }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var s) || s is < 1 or > 5) { Error("score", "must be a whole number 1 to 5"); return null; }
            return s;
        }

        private DateTimeOffset? Time(string name, bool required)
        {
            var s = Str(name, required);
            if (s is null) return null;
            if (!TryParseRfc3339(s, out var t)) { Error(name, "must be an RFC 3339 time with offset, e.g. 2026-11-22T08:15:02.120+07:00"); return null; }
            return t;
        }
    }

    /// <summary>RFC 3339 demands a date, a 'T', a time and an offset ('Z' or ±hh:mm).</summary>
    public static bool TryParseRfc3339(string s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length < 20 || (s[10] != 'T' && s[10] != 't')) return false;
        var last = s[^1];
        var hasOffset = last is 'Z' or 'z' || (s.Length > 6 && s[^3] == ':' && s[^6] is '+' or '-');
        return hasOffset && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }
}
