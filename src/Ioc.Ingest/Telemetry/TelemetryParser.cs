using Ioc.Grains;
using Ioc.Ingest.Telemetry.Json;
using Ioc.Wards;

namespace Ioc.Ingest.Telemetry;

/// <summary>
/// Checks a batch read by <see cref="BodyReader"/> against telemetry-v1, so that every wrong field
/// of every event can be named (index, field, reason) in one answer. It refuses; it never throws.
/// </summary>
public sealed class TelemetryParser(WardDirectory wards)
{
    public const int MaxEvents = 5000;

    public ParsedBatch Parse(BodyNode root, DeviceInfo device, DateTimeOffset now)
    {
        var batch = new ParsedBatch { DeviceId = device.DeviceId };
        if (root.Kind != BodyKind.Object || root["events"] is not { Kind: BodyKind.Array } events)
        {
            batch.Errors.Add(-1, "events", "is required: {\"events\": [ ... ]}");
            return batch;
        }
        batch.Count = events.Items.Length;
        if (batch.TooManyEvents) return batch;
        if (batch.Count == 0) batch.Errors.Add(-1, "events", "must hold 1 to 5,000 events");
        CheckEnvelope(root, batch);

        var seen = new HashSet<string>(batch.Count, StringComparer.Ordinal);
        var reader = new EventReader(wards, device, now, batch);
        var items = events.Items;
        for (var i = 0; i < items.Length; i++) reader.Read(items[i], i, seen);
        return batch;
    }

    /// <summary>The batch object itself: text and keys around the events follow the same rules.</summary>
    private static void CheckEnvelope(BodyNode root, ParsedBatch batch)
    {
        var envelope = new EventFields(root, -1, batch.Errors);
        foreach (var key in root.RepeatedKeys) envelope.Error(key, "appears more than once in the object");
        foreach (var p in root.Properties)
        {
            if (p.NameError is { } bad) envelope.Error(p.Name, $"field name {bad}");
            else if (p.Name != "events" && p.Value.Kind is BodyKind.String or BodyKind.Object or BodyKind.Array)
                new EventFields(p.Value, -1, batch.Errors).CheckText(p.Name);
        }
    }
}
