using System.Text;
using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>
/// Strings that are not text (lone surrogates, bytes that are not UTF-8) in every string field of
/// every event type, whole or after a valid start, in field names, in fields the center does not
/// know, and around the events: each a 400, none a 500.
/// </summary>
public static class TextCases
{
    public static IEnumerable<HostileRequest> All(DateTimeOffset now)
    {
        var valid = Templates.All(now).First().Event;
        foreach (var (type, device, e) in Templates.All(now))
        {
            foreach (var (path, _) in Templates.StringFields(type, e))
                foreach (var (token, bytes) in BadText.Tokens)
                {
                    yield return Case($"{type}.{path}.{token}", device, JsonEdit.With(e, path, BadText.Marker), bytes);
                    yield return Case($"{type}.{path}.{token}.after-text", device, JsonEdit.With(e, path, JsonEdit.Text(e, path) + BadText.Marker), bytes);
                }
            foreach (var (token, bytes) in BadText.Tokens)
            {
                yield return Case($"{type}.unknown-field-value.{token}", device, JsonEdit.With(e, "note", BadText.Marker), bytes);
                yield return Case($"{type}.unknown-field-name.{token}", device, JsonEdit.With(e, "x" + BadText.Marker, "y"), bytes);
                yield return Case($"{type}.nested-unknown.{token}", device,
                    JsonEdit.With(e, "vendor", new JsonObject { ["list"] = new JsonArray("ok", BadText.Marker), [BadText.Marker] = 1 }), bytes);
                // A valid event first: the bad second one refuses the whole batch.
                yield return new HostileRequest("text", $"{type}.second-of-two.{token}", "POST", "/api/v1/telemetry", device,
                    BadText.Inject(Templates.Batch(JsonEdit.With(e, "id", "first-valid"), JsonEdit.With(e, "id", BadText.Marker)).ToJsonString(), bytes), [400]);
            }
        }
        foreach (var (token, bytes) in BadText.Tokens)
        {
            var batch = Templates.Batch(valid);
            batch["source"] = BadText.Marker;
            yield return new HostileRequest("text", $"envelope-value.{token}", "POST", "/api/v1/telemetry", "robot", BadText.Inject(batch.ToJsonString(), bytes), [400]);
            var named = Templates.Batch(valid);
            named[BadText.Marker] = true;
            yield return new HostileRequest("text", $"envelope-name.{token}", "POST", "/api/v1/telemetry", "robot", BadText.Inject(named.ToJsonString(), bytes), [400]);
        }
    }

    private static HostileRequest Case(string name, string device, JsonObject e, byte[] bad)
    {
        var json = Templates.Batch(e).ToJsonString();
        if (!json.Contains(BadText.Marker, StringComparison.Ordinal)) throw new InvalidOperationException($"{name}: the marker was escaped away");
        return HostileRequest.Telemetry("text", name, device, BadText.Inject(json, bad));
    }

    public static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
