using System.Text;
using System.Text.Json.Nodes;

namespace Ioc.Tests.Hostile;

/// <summary>
/// The generated remainder of the corpus: valid events broken in one to three ways at once, drawn
/// from a fixed seed, so the corpus is the same on every run and a failure can be replayed by name.
/// Every way alone makes an event invalid, so every combination must be a 400.
/// </summary>
public static class RandomCases
{
    public const int Seed = 20_261_201;

    public static IEnumerable<HostileRequest> All(DateTimeOffset now, int count)
    {
        var random = new Random(Seed);
        var templates = Templates.All(now).ToList();
        for (var n = 0; n < count; n++)
        {
            var (type, device, e) = templates[random.Next(templates.Count)];
            var fields = Templates.StringFields(type, e).ToList();
            var edits = random.Next(1, 4);
            var names = new List<string>();
            byte[]? bad = null;
            for (var k = 0; k < edits; k++)
            {
                var (path, limit) = fields[random.Next(fields.Count)];
                switch (random.Next(6))
                {
                    case 0:
                        var (token, bytes) = BadText.Tokens[random.Next(BadText.Tokens.Count)];
                        bad ??= bytes;
                        e = JsonEdit.With(e, path, Prefix(random) + BadText.Marker);
                        names.Add($"{path}:{token}");
                        break;
                    case 1:
                        e = JsonEdit.With(e, "ts", TimeCases.NotRfc3339[random.Next(TimeCases.NotRfc3339.Length)]);
                        names.Add("ts:format");
                        break;
                    case 2:
                        e = JsonEdit.With(e, path, new string((char)random.Next('a', 'z' + 1), limit + 1 + random.Next(300)));
                        names.Add($"{path}:length");
                        break;
                    case 3:
                        e = JsonEdit.With(e, path, random.Next(2) == 0 ? random.Next() : new JsonArray());
                        names.Add($"{path}:type");
                        break;
                    case 4:
                        e = JsonEdit.With(e, "ts", CenterHost.Rfc3339(now + TimeSpan.FromMinutes(6 + random.Next(100_000))));
                        names.Add("ts:future");
                        break;
                    default:
                        e = JsonEdit.With(e, "x" + BadText.Marker, random.Next());
                        bad ??= BadText.Tokens[random.Next(BadText.Tokens.Count)].Bytes;
                        names.Add("name:bad");
                        break;
                }
            }
            var json = Templates.Batch(e).ToJsonString();
            var body = bad is null ? Encoding.UTF8.GetBytes(json) : BadText.Inject(json, bad);
            yield return HostileRequest.Telemetry("random", $"{n}:{type}:{string.Join("+", names)}", device, body);
        }
    }

    private static string Prefix(Random random) => random.Next(3) switch { 0 => "", 1 => "A", _ => "Đăng ký " };
}
