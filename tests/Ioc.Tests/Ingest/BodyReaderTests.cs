using System.Text;
using System.Text.Json;
using CsCheck;
using Ioc.Ingest.Telemetry.Json;

namespace Ioc.Tests.Ingest;

/// <summary>
/// The body reader shares one node between events that repeat a field's value (a device's id, its
/// ward), builds each object's members in a reused buffer and takes its nodes and arrays from a
/// scratch that served the bodies before: whatever repeats, however values nest and whatever was
/// read before, every event reads back what System.Text.Json reads from the same bytes.
/// </summary>
public sealed class BodyReaderTests
{
    // Few values per field, so neighbours often repeat one another and sometimes do not; some escaped.
    private static readonly Gen<string> Value = Gen.Int[0, 1000].Select(i => new[] { "robot-1", "robot-2", "00004", "0000", "robot-1x", "r\\u006fbot-1", "", "ả" }[i % 8]);
    private static readonly Gen<string> Field = Gen.Int[0, 1000].Select(i => new[] { "deviceId", "ward", "id", "ticket", "other" }[i % 5]);

    private static readonly Gen<string> Event =
        Gen.Select(Field, Value).Array[1, 6].Select(Gen.Int[0, 2], Gen.Double[-1e6, 1e6], (members, depth, number) =>
        {
            var json = new StringBuilder("{");
            for (var i = 0; i < members.Length; i++) json.Append(i > 0 ? "," : "").Append($"\"{members[i].Item1}{i}\":\"{members[i].Item2}\"");
            json.Append(",\"deviceId\":\"").Append(members[0].Item2).Append('"');
            var nested = $"{{\"x\":{number.ToString("R", System.Globalization.CultureInfo.InvariantCulture)},\"ward\":\"{members[^1].Item2}\"}}";
            for (var d = 0; d < depth; d++) nested = $"{{\"pose\":{nested},\"items\":[{nested},\"{members[0].Item2}\"]}}";
            return json.Append(",\"pose\":").Append(nested).Append('}').ToString();
        });

    [Fact]
    public void Every_event_of_a_batch_reads_back_as_System_Text_Json_reads_it()
    {
        Event.Array[1, 40].Sample(events =>
        {
            var body = Encoding.UTF8.GetBytes("{\"events\":[" + string.Join(",", events) + "]}");
            // As the center reads: with this thread's scratch, whose nodes and arrays served the bodies before.
            var scratch = BodyScratch.Rent();
            try
            {
                var root = BodyReader.Read(body, scratch, out var error);
                Assert.Null(error);
                using var expected = JsonDocument.Parse(body);
                Same(expected.RootElement, root!);
            }
            finally
            {
                BodyScratch.Return(scratch);
            }
        }, iter: 2_000);
    }

    /// <summary>The node holds the same value as the element, all the way down (written here, not by the reader's code).</summary>
    private static void Same(JsonElement expected, BodyNode actual)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.Equal(BodyKind.Object, actual.Kind);
                var members = expected.EnumerateObject().ToList();
                Assert.Equal(members.Count, actual.Properties.Length);
                for (var i = 0; i < members.Count; i++)
                {
                    Assert.Equal(members[i].Name, actual.Properties[i].Name);
                    Same(members[i].Value, actual.Properties[i].Value);
                }
                Assert.Empty(actual.RepeatedKeys);
                break;
            case JsonValueKind.Array:
                Assert.Equal(BodyKind.Array, actual.Kind);
                var items = expected.EnumerateArray().ToList();
                Assert.Equal(items.Count, actual.Items.Length);
                for (var i = 0; i < items.Count; i++) Same(items[i], actual.Items[i]);
                break;
            case JsonValueKind.String:
                Assert.Equal(BodyKind.String, actual.Kind);
                Assert.Equal(expected.GetString(), actual.Text);
                Assert.Null(actual.TextError);
                break;
            case JsonValueKind.Number:
                Assert.Equal(expected.GetDouble(), actual.Number);
                Assert.Equal(expected.TryGetInt32(out var i32) ? i32 : null, actual.Int32);
                break;
        }
    }
}
