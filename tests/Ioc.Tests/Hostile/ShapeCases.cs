using System.Text;
using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>
/// Events of the wrong shape: strings over their limit (the 900 KB floor among them), keys given
/// twice, fields of the wrong type or missing, numbers out of range, and bodies that are not a
/// batch at all (deep nesting, trailing bytes, a quarter of a million unknown services).
/// </summary>
public static class ShapeCases
{
    public static IEnumerable<HostileRequest> All(DateTimeOffset now)
    {
        foreach (var (type, device, e) in Templates.All(now))
        {
            foreach (var (path, limit) in Templates.StringFields(type, e))
            {
                yield return Telemetry("length", $"{type}.{path}.over-by-one", device, JsonEdit.With(e, path, new string('x', limit + 1)));
                // Counted in characters: 'ệ' is three bytes, one character.
                yield return Telemetry("length", $"{type}.{path}.over-by-one-vietnamese", device, JsonEdit.With(e, path, new string('ệ', limit + 1)));
                yield return Telemetry("length", $"{type}.{path}.pairs", device, JsonEdit.With(e, path, string.Concat(Enumerable.Repeat("😀", limit + 1))));
                var value = e[path.Split('.')[0]] is JsonObject o ? o[path.Split('.')[1]]!.ToJsonString() : e[path]!.ToJsonString();
                yield return Raw("duplicate", $"{type}.{path}.same-value", device, JsonEdit.Batch(JsonEdit.Repeated(e, path, value)));
                yield return Raw("duplicate", $"{type}.{path}.other-value", device, JsonEdit.Batch(JsonEdit.Repeated(e, path, "\"other\"")));
            }
            foreach (var (name, node) in e)
            {
                if (node is JsonObject inner)
                    foreach (var (n, _) in inner)
                        yield return Raw("duplicate", $"{type}.{name}.{n}.number", device, JsonEdit.Batch(JsonEdit.Repeated(e, $"{name}.{n}", "7")));
                if (Templates.IsRequired(type, name))
                {
                    yield return Telemetry("missing", $"{type}.{name}.absent", device, JsonEdit.Without(e, name));
                    yield return Telemetry("missing", $"{type}.{name}.null", device, JsonEdit.With(e, name, null));
                }
                foreach (var (label, wrong) in WrongTypes(node))
                    yield return Telemetry("type", $"{type}.{name}.{label}", device, JsonEdit.With(e, name, wrong));
            }
            yield return Telemetry("type", $"{type}.type-unknown", device, JsonEdit.With(e, "type", type + "x"));
            yield return Telemetry("type", $"{type}.ward-unknown", device, JsonEdit.With(e, "ward", "99999"));
            yield return Telemetry("type", $"{type}.id-empty", device, JsonEdit.With(e, "id", ""));
        }
        foreach (var r in Numbers(now)) yield return r;
        foreach (var r in Structure(now)) yield return r;
    }

    /// <summary>Values of a kind the field does not take (a string where a number goes, and so on).</summary>
    private static IEnumerable<(string, JsonNode?)> WrongTypes(JsonNode? node)
    {
        var isText = node is JsonValue v && v.TryGetValue<string>(out _);
        if (isText) { yield return ("number", 1); yield return ("bool", false); }
        else yield return ("text", "x");
        yield return ("object", new JsonObject { ["a"] = 1 });
        if (node is not JsonArray) yield return ("array", new JsonArray(1, 2));
    }

    private static IEnumerable<HostileRequest> Numbers(DateTimeOffset now)
    {
        var robot = Templates.All(now).Single(t => t.Type == "robot.state").Event;
        foreach (var (path, bad) in new (string, string)[]
        {
            ("battery", "-1"), ("battery", "100.5"), ("battery", "1e400"), ("battery", "\"80\""), ("pose.x", "1e400"), ("pose.x", "20000"),
            ("pose.y", "-20000"), ("pose.yaw", "1e9"), ("pose.x", "\"3\""), ("pose.x", "null"), ("pose.yaw", "true"),
        })
            yield return Raw("number", $"robot.{path}={bad}", "robot", Replace(robot, path, bad));
        var rating = Templates.All(now).Single(t => t.Type == "rating.submitted").Event;
        foreach (var bad in new[] { "0", "6", "4.5", "-3", "\"5\"", "5e0", "2147483648", "1e400", "true", "[5]" })
            yield return Raw("number", $"rating.score={bad}", "kiosk", Replace(rating, "score", bad));
        var dossier = Templates.All(now).Single(t => t.Type == "dossier.received").Event;
        foreach (var bad in new[] { "\"true\"", "1", "0", "\"yes\"", "{}" })
            yield return Raw("type", $"dossier.digitized={bad}", "dvc", Replace(dossier, "digitized", bad));
        foreach (var bad in new[] { "\"99999\"", "\"0004\"", "\"00004 \"", "4" })
            yield return Raw("type", $"dossier.receivedAt={bad}", "dvc", Replace(dossier, "receivedAt", bad));
        var counter = Templates.All(now).Single(t => t.Type == "counter.state").Event;
        foreach (var (label, services) in new (string, string)[]
        {
            ("unknown-code", "[\"visa\"]"), ("number", "[1]"), ("null-item", "[null]"), ("nested", "[[\"ho-tich\"]]"), ("string", "\"ho-tich\""),
            ("case", "[\"HO-TICH\"]"), ("space", "[\" ho-tich\"]"),
        })
            yield return Raw("type", $"counter.services.{label}", "counter", Replace(counter, "services", services));
    }

    private static IEnumerable<HostileRequest> Structure(DateTimeOffset now)
    {
        var e = Templates.All(now).First().Event.ToJsonString();
        var cases = new (string, string)[]
        {
            ("empty", ""), ("spaces", "   "), ("null", "null"), ("number", "42"), ("string", "\"events\""), ("array", $"[{e}]"),
            ("no-events", "{}"), ("events-null", "{\"events\":null}"), ("events-object", $"{{\"events\":{e}}}"), ("events-string", "{\"events\":\"[]\"}"),
            ("events-empty", "{\"events\":[]}"), ("event-number", "{\"events\":[1]}"), ("event-null", "{\"events\":[null]}"),
            ("event-array", $"{{\"events\":[[{e}]]}}"), ("events-twice", $"{{\"events\":[{e}],\"events\":[{e}]}}"),
            ("trailing-bytes", $"{{\"events\":[{e}]}}x"), ("two-values", $"{{\"events\":[{e}]}} {{\"events\":[]}}"),
            ("trailing-comma", $"{{\"events\":[{e},]}}"), ("comment", $"{{\"events\":[{e}]}} // done"), ("single-quotes", "{'events':[]}"),
            ("unquoted-key", "{events:[]}"), ("nan", "{\"events\":[{\"battery\":NaN}]}"), ("cut-short", $"{{\"events\":[{e}"),
            ("bad-escape", "{\"events\":[{\"type\":\"\\x41\"}]}"), ("short-unicode-escape", "{\"events\":[{\"type\":\"\\u00\"}]}"),
            ("control-char", "{\"events\":[{\"type\":\"a\u0001b\"}]}"), ("bom-then-garbage", "\uFEFF\uFEFF{}"),
            ("deep-17", Nest(17, e)), ("deep-64", Nest(64, e)), ("deep-5000", Nest(5000, e)), ("deep-object", NestObject(200)),
        };
        foreach (var (name, body) in cases)
            yield return new HostileRequest("structure", name, "POST", "/api/v1/telemetry", "robot", Encoding.UTF8.GetBytes(body), [400]);

        // One event with a quarter of a million unknown services: 250,000 errors counted, 100 listed.
        var counter = Templates.All(now).Single(t => t.Type == "counter.state").Event;
        var many = "[" + string.Join(",", Enumerable.Repeat("\"x\"", 250_000)) + "]";
        yield return Raw("structure", "services-250k-unknown", "counter", Replace(counter, "services", many));
    }

    private static string Nest(int depth, string e) => $"{{\"events\":[{new string('[', depth)}{e}{new string(']', depth)}]}}";

    private static string NestObject(int depth) =>
        "{\"events\":[{\"type\":\"robot.state\",\"vendor\":" + string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth) + "}]}";

    private static string Replace(JsonObject e, string path, string valueJson)
    {
        var marker = "\"" + BadText.Marker + "\"";
        return JsonEdit.Batch(JsonEdit.With(e, path, BadText.Marker).ToJsonString().Replace(marker, valueJson, StringComparison.Ordinal));
    }

    private static HostileRequest Telemetry(string category, string name, string device, JsonObject e) =>
        HostileRequest.Telemetry(category, name, device, Encoding.UTF8.GetBytes(Templates.Batch(e).ToJsonString()));

    private static HostileRequest Raw(string category, string name, string device, string json) =>
        HostileRequest.Telemetry(category, name, device, Encoding.UTF8.GetBytes(json));
}
