using System.Collections.Immutable;
using Ioc.Grains;
using Ioc.Ingest.Http;
using Ioc.Ingest.Telemetry.Json;
using Ioc.Telemetry;
using Ioc.Wards;

namespace Ioc.Ingest.Telemetry;

/// <summary>One event of a batch: its envelope, who may send it, then the fields of its type.</summary>
internal sealed class EventReader(WardDirectory wards, DeviceInfo device, DateTimeOffset now, ParsedBatch batch)
{
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MaxAge = TimeSpan.FromHours(48);
    /// <summary>Metres from the hall's plan corner: no service hall is ten kilometres across.</summary>
    private const double MaxCoordinate = 10_000;
    private const double MaxYaw = 1_000;

    private readonly EventFields _f = new(BodyNode.Null, -1, batch.Errors);
    // A repeated id inside one batch is checked like any event but applied only once.
    private bool _repeat;
    private BodyNode e = BodyNode.Null;
    private int index;
    // A desk sends the same services in every state: the batch's events share one array.
    private readonly List<string> _services = [];
    private ImmutableArray<string> _lastServices = [];

    /// <summary>Reads the event at <paramref name="at"/>; one reader reads every event of a batch in turn.</summary>
    public void Read(BodyNode node, int at, HashSet<string> seen)
    {
        (e, index, _repeat) = (node, at, false);
        _f.Next(node, at);
        if (e.Kind != BodyKind.Object) { _f.Error("", "an event must be a JSON object"); return; }
        _f.CheckText();
        var type = _f.Str("type", required: true);
        if (type is not null && !EventTypes.All.Contains(type)) _f.Error("type", $"unknown type {TextRules.Echo(type)}");
        var id = _f.Str("id", required: true, TextRules.Id);
        _repeat = id is not null && !seen.Add(id);
        var deviceId = _f.Str("deviceId", required: true);
        var ward = _f.WardCode("ward", wards, required: true);
        var ts = _f.Time("ts", required: true);
        if (ts is { } t)
        {
            if (t - now > FutureTolerance) _f.Error("ts", "is more than 5 minutes in the future");
            else if (now - t > MaxAge && type is not null && !type.StartsWith("dossier.", StringComparison.Ordinal))
                _f.Error("ts", "is more than 48 hours old; only dossier.* events may be older");
        }

        // Whose data it is comes before what is wrong with it: a foreign key must learn nothing else.
        if (deviceId is not null && deviceId != device.DeviceId)
            batch.Forbidden.Add(index, "deviceId", "is not the device of this key");
        if (ward is not null && !device.MayWrite(ward))
            batch.Forbidden.Add(index, "ward", $"this key may not write ward {ward}");
        if (type == EventTypes.RobotState && device.Kind != DeviceKinds.Robot)
            batch.Forbidden.Add(index, "type", "only a robot key may send robot.state");
        if (type == EventTypes.CounterState && device.Kind != DeviceKinds.Counter)
            batch.Forbidden.Add(index, "type", "only a counter key may send counter.state");

        switch (type)
        {
            case EventTypes.RobotState: ReadRobot(id, ts, ward); break;
            case EventTypes.CounterState: ReadCounter(id, ts, ward, deviceId); break;
            case EventTypes.TicketIssued:
                Add(id, ts, ward, type, deviceId, ticket: _f.Str("ticket", true), service: _f.Service("service"),
                    channel: _f.OneOf("channel", TicketChannels.All));
                break;
            case EventTypes.TicketCalled or EventTypes.TicketServed or EventTypes.TicketNoShow:
                Add(id, ts, ward, type, deviceId, ticket: _f.Str("ticket", true), counter: _f.Str("counter", true));
                break;
            case EventTypes.RatingSubmitted:
                Add(id, ts, ward, type, deviceId, score: _f.Score(), ticket: _f.Str("ticket", false), counter: _f.Str("counter", false));
                break;
            case EventTypes.DossierReceived:
                Add(id, ts, ward, type, deviceId, dossier: _f.Str("dossier", true), procedure: _f.Str("procedure", true, TextRules.Procedure),
                    service: _f.Service("service"), channel: _f.OneOf("channel", DossierChannels.All), dueAt: _f.Time("dueAt", true),
                    digitized: _f.Bool("digitized"), receivedAt: _f.WardCode("receivedAt", wards, required: false));
                break;
            case EventTypes.DossierPaused or EventTypes.DossierResumed or EventTypes.DossierResolved:
                Add(id, ts, ward, type, deviceId, dossier: _f.Str("dossier", true));
                break;
        }
        if (_f.Ok && _repeat) batch.InBatchDuplicates++;
    }

    private void ReadRobot(string? id, DateTimeOffset? ts, string? ward)
    {
        Pose? pose = null;
        if (e["pose"] is not { Kind: BodyKind.Object } p) _f.Error("pose", "is required: {x, y, yaw, floor}");
        else
        {
            var x = _f.Num(p, "x", "pose.x", -MaxCoordinate, MaxCoordinate);
            var y = _f.Num(p, "y", "pose.y", -MaxCoordinate, MaxCoordinate);
            var yaw = _f.Num(p, "yaw", "pose.yaw", -MaxYaw, MaxYaw);
            var floor = _f.Str(p, "floor", "pose.floor", required: true);
            if (x is { } a && y is { } b && yaw is { } c && floor is not null) pose = new Pose(a, b, c, floor);
        }
        var battery = _f.Num(e, "battery", "battery", 0, 100);
        var mode = _f.OneOf("mode", RobotModes.All);
        var issue = _f.Str("issue", false, TextRules.Issue);
        if (_f.Ok && !_repeat) batch.Robots.Add(new RobotStateReport(id!, ts!.Value, ward!, pose!, battery!.Value, mode!, issue));
    }

    private void ReadCounter(string? id, DateTimeOffset? ts, string? ward, string? deviceId)
    {
        var counter = _f.Str("counter", true, TextRules.Counter);
        var status = _f.OneOf("status", CounterStatuses.All);
        var services = _services;
        services.Clear();
        if (e["services"] is not { Kind: BodyKind.Array } list) _f.Error("services", "is required: a list of service codes");
        else
        {
            foreach (var item in list.Items)
            {
                if (item.Kind != BodyKind.String) { _f.Error("services", "must hold service codes (strings)"); continue; }
                if (item.Text is not { } code) continue; // not text: named by CheckText
                if (!ServiceCodes.IsKnown(code)) { _f.Error("services", $"unknown service code {TextRules.Echo(code)}"); continue; }
                if (!services.Contains(code)) services.Add(code);
            }
        }
        if (!_f.Ok || _repeat) return;
        if (!_lastServices.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(services))) _lastServices = [.. services];
        batch.Counters.Add(new CounterStateReport(id!, ts!.Value, ward!, deviceId!, counter!, status!, _lastServices));
    }

    private void Add(string? id, DateTimeOffset? ts, string? ward, string type, string? deviceId,
        string? ticket = null, string? service = null, string? channel = null, string? counter = null, int? score = null,
        string? dossier = null, string? procedure = null, DateTimeOffset? dueAt = null, bool? digitized = null, string? receivedAt = null)
    {
        if (!_f.Ok || _repeat) return;
        batch.Business.Add((ward!, new BusinessEvent(id!, type, ts!.Value, deviceId!, ticket, service, channel, counter, score, dossier, procedure, dueAt,
            digitized, receivedAt)));
    }
}
